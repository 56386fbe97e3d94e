"""A form for a tile's options, generated from the tile class's JSON schema.

Strings, numbers and integers are line edits (empty: not set), booleans tri-state
check boxes, enums combo boxes, arrays of strings or numbers comma-separated text,
anything else (nested objects) JSON text. Options the schema does not name are kept
in an "other" JSON box, so editing never drops what a plugin put there. ``options()``
checks the result against the schema and raises ValueError naming the key.
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLineEdit, QPlainTextEdit, QWidget


def _kind(prop: dict[str, Any]) -> str:
    if "enum" in prop:
        return "enum"
    t = prop.get("type")
    if t == "array" and prop.get("items", {}).get("type") in ("string", "number", "integer"):
        return f"list:{prop['items']['type']}"
    return t if t in ("string", "number", "integer", "boolean") else "json"


class OptionsForm(QWidget):
    def __init__(self, schema: dict[str, Any], options: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.schema = schema
        self.props: dict[str, dict[str, Any]] = dict(schema.get("properties", {}))
        self.fields: dict[str, QWidget] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        required = set(schema.get("required", ()))
        for key, prop in self.props.items():
            w = self._field(key, prop, options.get(key))
            self.fields[key] = w
            form.addRow(f"{key}{' *' if key in required else ''}", w)
        extra = {k: v for k, v in options.items() if k not in self.props}
        self.other = QPlainTextEdit(json.dumps(extra, ensure_ascii=False) if extra else "")
        self.other.setPlaceholderText("{} other options as JSON")
        self.other.setFixedHeight(self.other.fontMetrics().lineSpacing() * 3 + 10)
        form.addRow("other", self.other)

    def _field(self, key: str, prop: dict[str, Any], value: Any) -> QWidget:
        kind = _kind(prop)
        if kind == "enum":
            w = QComboBox()
            w.addItem("", None)
            for v in prop["enum"]:
                w.addItem(str(v), v)
            if value is not None:
                w.setCurrentIndex(max(0, w.findData(value)))
            return w
        if kind == "boolean":
            w = QCheckBox()
            w.setTristate(True)
            w.setCheckState(Qt.CheckState.PartiallyChecked if value is None else Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
            w.setToolTip("partly checked: not set")
            return w
        if kind.startswith("list:"):
            w = QLineEdit(", ".join(str(v) for v in value) if isinstance(value, list) else "")
            w.setPlaceholderText("a, b, c")
            return w
        if kind == "json":
            w = QLineEdit(json.dumps(value, ensure_ascii=False) if value is not None else "")
            w.setPlaceholderText("JSON, e.g. {\"kind\": \"gauge\"}")
            return w
        w = QLineEdit("" if value is None else str(value))
        limits = [f"{name} {prop[k]}" for k, name in (("minimum", "≥"), ("exclusiveMinimum", ">"), ("maximum", "≤")) if k in prop]
        w.setPlaceholderText(" ".join([kind, *limits]))
        return w

    def options(self) -> dict[str, Any]:
        """The options as entered; ValueError names the key of a value that does not fit."""
        out: dict[str, Any] = {}
        text = self.other.toPlainText().strip()
        if text:
            try:
                extra = json.loads(text)
            except json.JSONDecodeError as exc:
                raise ValueError(f"other: invalid JSON: {exc.msg}") from None
            if not isinstance(extra, dict):
                raise ValueError("other: must be a JSON object")
            out.update(extra)
        for key, w in self.fields.items():
            value = self._value(key, self.props[key], w)
            if value is not None:
                out[key] = value
        try:
            jsonschema.validate(out, self.schema)
        except jsonschema.ValidationError as exc:
            where = ".".join(str(p) for p in exc.absolute_path) or "options"
            raise ValueError(f"{where}: {exc.message}") from None
        return out

    def _value(self, key: str, prop: dict[str, Any], w: QWidget) -> Any:
        kind = _kind(prop)
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, QCheckBox):
            state = w.checkState()
            return None if state == Qt.CheckState.PartiallyChecked else state == Qt.CheckState.Checked
        text = w.text().strip()
        if not text:
            return None
        try:
            if kind == "integer":
                return int(text)
            if kind == "number":
                return float(text)
            if kind == "list:string":
                return [p.strip() for p in text.split(",") if p.strip()]
            if kind in ("list:number", "list:integer"):
                conv = int if kind == "list:integer" else float
                return [conv(p) for p in text.split(",") if p.strip()]
            if kind == "json":
                return json.loads(text)
        except ValueError as exc:  # JSONDecodeError is a ValueError
            raise ValueError(f"{key}: {text!r} is not a valid {kind.removeprefix('list:')}: {exc}") from None
        return text
