/* studyguide-glossary.js: the short definition of a glossary link, on hover,
 * keyboard focus and tap.  One tooltip element for the page:
 *   <div id="sg-tooltip" role="tooltip" class="sg-tooltip" hidden>
 * shown for an <a class="sg-term" data-sg-tip="..."> on mouseenter or focus
 * (the link gets aria-describedby="sg-tooltip"), kept inside the viewport,
 * hidden on mouseleave, blur and Escape.  On touch screens the first tap on a
 * link shows its definition and the second follows the link. */
(function () {
  "use strict";

  var MARGIN = 8; // px kept free between the tooltip and the viewport's edges
  var GAP = 6; // px between the link and the tooltip
  var tip = null;
  var current = null;
  var touchLink = null; // the link a first tap opened

  function tooltip() {
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "sg-tooltip";
      tip.className = "sg-tooltip";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      document.body.appendChild(tip);
    }
    return tip;
  }

  function place(link) {
    var viewportWidth = document.documentElement.clientWidth || window.innerWidth;
    var viewportHeight = window.innerHeight;
    // A link broken over two lines: anchor to the first line box.
    var rects = link.getClientRects();
    var box = rects.length ? rects[0] : link.getBoundingClientRect();
    tip.style.maxWidth = Math.max(120, Math.min(352, viewportWidth - 2 * MARGIN)) + "px";
    tip.style.left = "0px";
    tip.style.top = "0px";
    var width = tip.offsetWidth;
    var height = tip.offsetHeight;
    var left = box.left + box.width / 2 - width / 2;
    left = Math.max(MARGIN, Math.min(left, viewportWidth - width - MARGIN));
    var top = box.bottom + GAP;
    if (top + height > viewportHeight - MARGIN && box.top - GAP - height >= MARGIN) {
      top = box.top - GAP - height; // no room below: above the link
    }
    tip.style.left = Math.round(left + window.scrollX) + "px";
    tip.style.top = Math.round(top + window.scrollY) + "px";
  }

  function show(link) {
    var text = link.getAttribute("data-sg-tip");
    if (!text) {
      return;
    }
    var element = tooltip();
    if (current && current !== link) {
      current.removeAttribute("aria-describedby");
    }
    element.textContent = text; // text, never markup
    element.hidden = false;
    place(link);
    link.setAttribute("aria-describedby", "sg-tooltip");
    current = link;
  }

  function hide() {
    if (tip) {
      tip.hidden = true;
    }
    if (current) {
      current.removeAttribute("aria-describedby");
    }
    current = null;
    touchLink = null;
  }

  function attach(link) {
    link.addEventListener("mouseenter", function () { show(link); });
    link.addEventListener("mouseleave", function () {
      if (document.activeElement !== link && current === link) {
        hide();
      }
    });
    link.addEventListener("focus", function () { show(link); });
    link.addEventListener("blur", function () {
      if (current === link) {
        hide();
      }
    });
    link.addEventListener("pointerdown", function (event) {
      if (event.pointerType === "touch" && touchLink !== link) {
        link.setAttribute("data-sg-first-tap", "");
      }
    });
    link.addEventListener("click", function (event) {
      if (link.hasAttribute("data-sg-first-tap")) {
        link.removeAttribute("data-sg-first-tap");
        event.preventDefault(); // first tap: read the definition
        show(link);
        touchLink = link;
      }
    });
  }

  function init() {
    var links = document.querySelectorAll("a.sg-term[data-sg-tip]");
    for (var i = 0; i < links.length; i++) {
      attach(links[i]);
    }
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" || event.key === "Esc") {
        hide();
      }
    });
    document.addEventListener("pointerdown", function (event) {
      if (current && !(event.target.closest && event.target.closest("a.sg-term"))) {
        hide();
      }
    });
    window.addEventListener("resize", function () {
      if (current) {
        place(current);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
