studyguide_downloads = {
    "passwd": ("The passwords", "../../../etc/passwd"),
    "hostname": ("The host", "/etc/hostname"),
    "up": ("The parent", "latex/../../x.pdf"),
}
