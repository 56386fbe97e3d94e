"""Cameras, Qt-free: camera entities and status, the snapshot cache, snapshot sources.

Decoding and painting need Qt and live on the GUI side (console.gui.camera_feed,
plugins.flood.views.camera_render); nothing here imports it.
"""
