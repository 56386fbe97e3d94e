"""The command palette's language: a layout's name, or a few words, matched forgivingly.

``parse_command`` turns what the operator typed into a Command the switcher runs;
``palette_entries`` lists what a partial text could mean, best first.
"""

from __future__ import annotations

from dataclasses import dataclass

VERBS = {
    "auto": ("release", "恢复自动 Back to schedule / playlist"),
    "hold": ("hold", "暂停/继续轮播 Hold or resume the playlist"),
    "veto": ("veto", "否决报警接管 Veto the alarm takeover"),
    "stop": ("stop", "停止轮播 Stop the playlist"),
    "next": ("next", "轮播下一项 Next playlist item"),
    "previous": ("previous", "轮播上一项 Previous playlist item"),
    "edit": ("edit", "编辑布局 Edit the layout"),
}


@dataclass(frozen=True)
class Command:
    action: str  # layout | play | tile | release | hold | next | previous | veto | stop | edit
    arg: str = ""
    label: str = ""


def palette_entries(text: str, layouts: dict[str, str], playlists: list[str]) -> list[Command]:
    """Candidates for ``text``: layouts by name or title, ``play <playlist>``, the verbs."""
    q = text.strip().lower()
    out: list[tuple[int, Command]] = []

    def rank(*hay: str) -> int | None:
        if not q:
            return 2
        best = None
        for h in hay:
            h = h.lower()
            r = 0 if h == q else 1 if h.startswith(q) else 2 if q in h else None
            if r is not None and (best is None or r < best):
                best = r
        return best

    for name, title in layouts.items():
        r = rank(name, title)
        if r is not None:
            out.append((r, Command("layout", name, f"{title or name}  ·  {name}")))
    for name in playlists:
        r = rank(f"play {name}", name)
        if r is not None:
            out.append((r + 1, Command("play", name, f"轮播 play {name}")))
    for verb, (action, label) in VERBS.items():
        r = rank(verb, label)
        if r is not None:
            out.append((r + 1, Command(action, "", label)))
    return [c for _, c in sorted(out, key=lambda rc: rc[0])]


def parse_command(text: str, layouts: dict[str, str], playlists: list[str]) -> Command | None:
    """The best reading of ``text``, or None when nothing matches."""
    entries = palette_entries(text, layouts, playlists)
    return entries[0] if entries and text.strip() else None
