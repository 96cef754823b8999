"""A Domain whose data is collected per document, safe under ``-j`` and incremental builds.

A subclass of :class:`PerDocumentDomain` declares each kind of data it keeps as
a :class:`PerDocument` attribute, typed: a dict ``{docname: value}`` stored
under the attribute's name in the domain's data::

    class NotesDomain(PerDocumentDomain):
        name = "notes"
        #: docname -> the document's notes, in document order
        notes = PerDocument[list[str]]()

The domain's ``initial_data`` is made from these attributes; ``clear_doc``
forgets a document in all of them and ``merge_domaindata`` copies the given
documents' values from a parallel reader's data, so a parallel or an
incremental build holds exactly what a fresh serial one does.  Copying only
the given documents matters: extending with everything, as the Sphinx
tutorial's todo extension does, duplicates entries under ``-j``.

A domain that sets ``initial_data`` itself (every key a ``{docname: value}``
dict) keeps it and gets the same ``clear_doc`` and ``merge_domaindata``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, overload

from sphinx.domains import Domain

if TYPE_CHECKING:
    from collections.abc import Set
    from typing import Self

T = TypeVar("T")


class PerDocument(Generic[T]):
    """A domain's ``{docname: T}`` dict, kept in its data under the attribute's name."""

    key = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.key = name

    @overload
    def __get__(self, domain: None, owner: type) -> Self: ...

    @overload
    def __get__(self, domain: Domain, owner: type) -> dict[str, T]: ...

    def __get__(self, domain: Domain | None, owner: type) -> dict[str, T] | Self:
        if domain is None:
            return self
        data: dict[str, T] = domain.data.setdefault(self.key, {})
        return data


class PerDocumentDomain(Domain):
    """A Domain whose every ``initial_data`` key maps docnames to that document's data."""

    initial_data: ClassVar[dict[str, Any]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "initial_data" not in vars(cls):
            attributes = [attr for klass in cls.__mro__ for attr in vars(klass).values()]
            cls.initial_data = {
                attr.key: {} for attr in attributes if isinstance(attr, PerDocument)
            }

    def clear_doc(self, docname: str) -> None:
        for key in self.initial_data:
            self.data.setdefault(key, {}).pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in self.initial_data:
            theirs = otherdata.get(key, {})
            mine = self.data.setdefault(key, {})
            for docname in docnames:
                if docname in theirs:
                    mine[docname] = theirs[docname]
