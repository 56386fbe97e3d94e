"""Kiosk lock for a web view: no navigation away, no context menu, no devtools, no downloads,
no new windows. The page keeps loading its own ``cmap://`` document and running its script."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineSettings

_LOCKED_PROFILES: set[int] = set()


def allows_navigation(url, nav_type, is_main_frame: bool) -> bool:
    """What a locked page may load: its own local page, never a link, a form, history or a remote URL."""
    if url.scheme() != "cmap":
        return False
    blocked = (
        QWebEnginePage.NavigationType.NavigationTypeLinkClicked,
        QWebEnginePage.NavigationType.NavigationTypeFormSubmitted,
        QWebEnginePage.NavigationType.NavigationTypeBackForward,
    )
    return nav_type not in blocked


def lock_web_view(view, page) -> None:
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)  # no "Inspect", "Back", "Save page"
    view.setAcceptDrops(False)
    page.locked = True  # read by the page's acceptNavigationRequest
    s = page.settings()
    for attr, on in (
        (QWebEngineSettings.WebAttribute.JavascriptCanOpenWindows, False),
        (QWebEngineSettings.WebAttribute.JavascriptCanAccessClipboard, False),
        (QWebEngineSettings.WebAttribute.JavascriptCanPaste, False),
        (QWebEngineSettings.WebAttribute.FocusOnNavigationEnabled, False),
        (QWebEngineSettings.WebAttribute.FullScreenSupportEnabled, False),
        (QWebEngineSettings.WebAttribute.PdfViewerEnabled, False),
        (QWebEngineSettings.WebAttribute.PluginsEnabled, False),
    ):
        s.setAttribute(attr, on)
    page.setDevToolsPage(None)
    profile = page.profile()
    if id(profile) not in _LOCKED_PROFILES:
        _LOCKED_PROFILES.add(id(profile))
        profile.downloadRequested.connect(lambda download: download.cancel())
