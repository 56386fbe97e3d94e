"""A loopback RTSP camera for the live-video tests: GStreamer's RTSP server (Debian's gst-rtsp-server).

Run with Debian's /usr/bin/python3 (it has ``gi``; the test venv's Python need not):

    /usr/bin/python3 tests/rtsp_server.py PORT [--only tcp|udp] [--size 320x180] [--fps 10]

serves videotestsrc (a moving ball) as H.264 at rtsp://127.0.0.1:PORT/live and prints "ready"
once it listens. ``--only`` offers one lower transport, so a client asking for the other is
refused: a test can tell which one it played over. Killed, it is a camera gone; started again on
the same port, the camera is back.
"""

from __future__ import annotations

import argparse

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402

TRANSPORTS = {"tcp": GstRtsp.RTSPLowerTrans.TCP, "udp": GstRtsp.RTSPLowerTrans.UDP,
              "both": GstRtsp.RTSPLowerTrans.TCP | GstRtsp.RTSPLowerTrans.UDP}


def pipeline(size: str, fps: int) -> str:
    width, height = size.split("x")
    return (f"( videotestsrc is-live=true pattern=ball ! video/x-raw,width={width},height={height},framerate={fps}/1 "
            f"! x264enc tune=zerolatency speed-preset=ultrafast key-int-max={fps} "
            f"! rtph264pay name=pay0 pt=96 config-interval=1 )")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("port")
    ap.add_argument("--only", choices=sorted(TRANSPORTS), default="both")
    ap.add_argument("--size", default="320x180")
    ap.add_argument("--fps", type=int, default=10)
    args = ap.parse_args()
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(args.port)
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(pipeline(args.size, args.fps))
    factory.set_shared(True)  # one encoder for every client
    factory.set_protocols(TRANSPORTS[args.only])
    server.get_mount_points().add_factory("/live", factory)
    if server.attach(None) == 0:
        raise SystemExit(f"rtsp_server: cannot listen on 127.0.0.1:{args.port}")
    print("ready", flush=True)
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
