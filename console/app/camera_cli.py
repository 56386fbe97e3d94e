"""`city-console camera grab URL -o frame.png`: one frame through the console's own video path, for support."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def add_subcommands(sub) -> None:
    camera = sub.add_parser("camera", help="cameras: check a live stream")
    camera_sub = camera.add_subparsers(dest="camera_command", required=True)
    grab = camera_sub.add_parser(
        "grab", help="decode one frame of a camera stream (RTSP, HLS, a file) and write it as PNG; "
                     "prints the codec, size and time to first frame")
    grab.add_argument("url")
    grab.add_argument("-o", "--output", type=Path, required=True, metavar="FRAME.png")
    grab.add_argument("--timeout", type=float, default=10.0, metavar="S", help="give up after S seconds (default: %(default)s)")
    grab.add_argument("--transport", choices=("tcp", "udp"), default="tcp", help="RTSP transport (default: %(default)s)")
    grab.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int:
    from console.cameras.png import write_png
    from console.cameras.video import VideoError, grab_frame

    try:
        frame, info = grab_frame(args.url, timeout_s=args.timeout, transport=args.transport)
    except VideoError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    write_png(args.output, frame.rgb)
    facts = {"url": args.url, "codec": info.codec, "width": info.width, "height": info.height,
             "first_frame_s": round(info.first_frame_s, 3), "output": str(args.output)}
    if args.json:
        print(json.dumps(facts))
    else:
        print(f"{args.output}: {info.codec} {info.width}x{info.height}, first frame after {info.first_frame_s:.2f} s")
    return 0
