#!/usr/bin/python3
"""Reads Harbor as a Linux screen reader does: libatspi (GObject introspection) on the accessibility bus.

Run by tests/app/screen_reader.rs inside `xvfb-run` and `dbus-run-session`; argv[1] is a JSON file of what to
expect. Starts Harbor (once in English, once in Arabic), walks its tree and prints one line per failed check;
exit status 1 if any failed.
"""
import json
import os
import subprocess
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, Gio, GLib  # noqa: E402

expect = json.load(open(sys.argv[1], encoding="utf-8"))
failures = []
rtl_texts_read = {}


def check(ok, message):
    if not ok:
        failures.append(message)
        print("FAIL:", message, flush=True)


def enable_accessibility():
    """AccessKit exposes its tree only while org.a11y.Status.IsEnabled is true (it reads nothing else)."""
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    bus.call_sync(
        "org.a11y.Bus", "/org/a11y/bus", "org.freedesktop.DBus.Properties", "Set",
        GLib.Variant("(ssv)", ("org.a11y.Status", "IsEnabled", GLib.Variant("b", True))),
        None, Gio.DBusCallFlags.NONE, 10000, None,
    )


# Deadlines are generous: each wait returns as soon as its condition holds, and a machine busy building beside the
# test (two test binaries linking) has made Harbor take over 100 s to appear on the bus. They are measured on the
# monotonic clock: the wall clock can jump (a VM's clock being corrected), which ended a 300 s wait at once.
def find_app(timeout=300.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        # libatspi learns of new applications from registry events: let its main context run.
        while GLib.MainContext.default().iteration(False):
            pass
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            if app is not None and name(app) == "harbor" and safe(app.get_child_count, 0) > 0:
                return app
        time.sleep(0.3)
    return None


def safe(call, default=None):
    """A node can vanish between two calls (egui rebuilds the tree every frame): treat it as gone."""
    try:
        return call()
    except GLib.GError:
        return default


def walk(node, out=None, depth=0):
    out = [] if out is None else out
    if node is None or depth > 60:
        return out
    out.append(node)
    for i in range(safe(node.get_child_count, 0)):
        walk(safe(lambda: node.get_child_at_index(i)), out, depth + 1)
    return out


def states(node):
    state_set = safe(node.get_state_set)
    if state_set is None:
        return set()
    return {Atspi.StateType(s).value_nick for s in state_set.get_states()}


def name(node):
    return safe(node.get_name, "") or ""


def role(node):
    return safe(node.get_role_name, "") or ""


def has_rtl(text):
    return any("\u0590" <= c <= "\u08ff" or "\ufb1d" <= c <= "\ufefc" for c in text)


def text_of(node):
    """What the AT-SPI Text interface holds: what Orca reads character by character, word by word, in braille."""
    # Through the Text interface by name: libatspi 2.56 also has a one-argument Accessible.get_text, which
    # node.get_text would call.
    return safe(lambda: Atspi.Text.get_text(node, 0, Atspi.Text.get_character_count(node)), None)


def by_role(nodes, wanted):
    return [n for n in nodes if role(n) == wanted]


def wait_for(predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    return predicate()


def settled(read, timeout=60.0, quiet=1.5):
    """What `read` returns once it has returned the same non-empty value for `quiet` seconds (or the last value at
    the deadline): results computed for a query still being typed change under the reader."""
    deadline = time.monotonic() + timeout
    value, since = read(), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.25)
        now = read()
        if now != value:
            value, since = now, time.monotonic()
        elif value and time.monotonic() - since >= quiet:
            return value
    return value


def start(locale, data_dir):
    return subprocess.Popen(
        [os.environ["HARBOR_BIN"], "--data-dir", data_dir, "--locale", locale],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def frame_of(app):
    return app.get_child_at_index(0)


def tabs(app):
    return [n for n in by_role(walk(frame_of(app)), "page tab")]


def check_table(locale, nodes, table):
    """The table is a table: rows of column headers and cells, each named with its text, and the AT-SPI Table and
    TableCell interfaces Orca's table navigation uses ("row 2, column 3", the column header of each cell)."""
    tables = by_role(nodes, "table")
    check(len(tables) == 1, f"{locale}: {len(tables)} tables on the tab")
    if not tables:
        return
    grid = tables[0]
    rows = [safe(lambda: grid.get_child_at_index(i)) for i in range(safe(grid.get_child_count, 0))]
    check([role(r) for r in rows] == ["table row"] * (len(table["rows"]) + 1),
          f"{locale}: table children {[role(r) for r in rows]}")
    cells = [[(role(c), name(c)) for c in (safe(lambda: r.get_child_at_index(i))
                                          for i in range(safe(r.get_child_count, 0)))] for r in rows]
    check(cells[:1] == [[("column header", c) for c in table["columns"]]],
          f"{locale}: table header {cells[:1]}")
    for want, got in zip(table["rows"], cells[1:]):
        check(got == [("table cell", c) for c in want], f"{locale}: table row {got} != {want}")
    check_table_interface(locale, grid, table)


def check_table_interface(locale, grid, table):
    """Orca's table navigation: the Table interface (size, cell at a row and column, cell index, column headers,
    spans) and each cell's TableCell interface (position, span, column header, table); a cell's text read through
    the Text interface of its child."""
    interfaces = safe(grid.get_interfaces, [])
    check("Table" in interfaces, f"{locale}: the table has no Table interface: {interfaces}")
    if "Table" not in interfaces:
        return
    columns, rows = table["columns"], table["rows"]
    n_rows = safe(lambda: Atspi.Table.get_n_rows(grid), -1)
    n_columns = safe(lambda: Atspi.Table.get_n_columns(grid), -1)
    check((n_rows, n_columns) == (len(rows) + 1, len(columns)),
          f"{locale}: the Table interface says {n_rows} rows and {n_columns} columns, "
          f"expected {len(rows) + 1} and {len(columns)}")
    headers = [name(safe(lambda: Atspi.Table.get_column_header(grid, c))) for c in range(len(columns))]
    check(headers == columns, f"{locale}: column headers {headers} != {columns}")
    wrong = []
    for r, texts in enumerate([columns] + rows):
        for c, text in enumerate(texts):
            cell = safe(lambda: Atspi.Table.get_accessible_at(grid, r, c))
            if cell is None:
                wrong.append(f"({r}, {c}): no cell")
                continue
            index = safe(lambda: Atspi.Table.get_index_at(grid, r, c), -1)
            at = (safe(lambda: Atspi.Table.get_row_at_index(grid, index), -1),
                  safe(lambda: Atspi.Table.get_column_at_index(grid, index), -1))
            extent = (safe(lambda: Atspi.Table.get_row_extent_at(grid, r, c), -1),
                      safe(lambda: Atspi.Table.get_column_extent_at(grid, r, c), -1))
            position = safe(lambda: Atspi.TableCell.get_position(cell))
            position = (position[1], position[2]) if position else None
            owner = safe(lambda: Atspi.TableCell.get_table(cell))
            heads = [name(h) for h in safe(lambda: Atspi.TableCell.get_column_header_cells(cell), None) or []]
            children = [safe(lambda: cell.get_child_at_index(i)) for i in range(safe(cell.get_child_count, 0))]
            read = text_of(children[0]) if len(children) == 1 else None
            got = {"name": name(cell), "text": read, "index": at, "extent": extent, "position": position,
                   "table": owner is not None and name(owner) == name(grid) and role(owner) == "table",
                   "headers": heads}
            want = {"name": text, "text": text, "index": (r, c), "extent": (1, 1), "position": (r, c),
                    "table": True, "headers": [] if r == 0 else [columns[c]]}
            if got != want:
                wrong.append(f"({r}, {c}): {got} != {want}")
    check(not wrong, f"{locale}: {len(wrong)} cells wrong through Table/TableCell: {wrong[:2]}")
    if not wrong:
        print(f"{locale}: the table reads as a table: {n_rows} rows, {n_columns} columns, every cell's text, "
              f"position and column header through Table/TableCell", flush=True)


def check_headings(locale, tab, nodes, expected):
    """Every heading carries its level as the AT-SPI attribute Orca reads (`level`, from 1: sections 2, groups
    3) and reads its text through its one child; the headings the content names are at their level."""
    found = []
    for heading in by_role(nodes, "heading"):
        level = safe(heading.get_attributes, {}).get("level")
        found.append((level, name(heading)))
    without = [f"{text[:30]!r}: {level}" for level, text in found if level not in ("2", "3")]
    check(not without, f"{locale}: {tab}: {len(without)} headings without a level 2 or 3: {without[:3]}")
    missing = [f"{text[:30]!r} at {level}" for level, text in expected if (str(level), text) not in found]
    check(not missing, f"{locale}: {tab}: headings not at their level: {missing[:3]}")
    return sorted({level for level, _ in found if level})


def check_list_items(locale, tab, nodes):
    """A list item says where it is in its list: posinset (from 1) and setsize."""
    wrong = []
    for item in by_role(nodes, "list item"):
        attributes = safe(item.get_attributes, {})
        position, size = attributes.get("posinset"), attributes.get("setsize")
        if not (position and size and position.isdigit() and size.isdigit() and 1 <= int(position) <= int(size)):
            wrong.append(f"{name(item)[:30]!r}: posinset {position} setsize {size}")
    check(not wrong, f"{locale}: {tab}: {len(wrong)} list items without their place: {wrong[:3]}")


TEXT_HOLDERS = ("heading", "list item", "table cell", "column header", "row header")


def check_readable(locale, tab, nodes):
    """Every label, heading, list item and cell reads its name through the Text interface (a heading, list item or
    cell through its one child label), on screen or not: what Orca's Say All and flat review read."""
    unread = []
    for node in nodes:
        kind = role(node)
        if kind == "label" and name(node):
            if text_of(node) != name(node):
                unread.append(f"label {name(node)[:40]!r}: {text_of(node)!r:.40}")
        elif kind in TEXT_HOLDERS and name(node):
            children = [safe(lambda: node.get_child_at_index(i)) for i in range(safe(node.get_child_count, 0))]
            if len(children) == 1 and role(children[0]) == "label":
                if text_of(children[0]) != name(node):
                    unread.append(f"{kind} {name(node)[:40]!r}: {text_of(children[0])!r:.40}")
            elif not children:
                unread.append(f"{kind} {name(node)[:40]!r} has no text")
    check(not unread, f"{locale}: {tab}: {len(unread)} texts not readable: {unread[:3]}")


def say_all(nodes):
    """The texts Say All reads, in document order: every Text interface but a field's."""
    read = []
    for node in nodes:
        if role(node) in ("entry", "password text", "text") or "Text" not in safe(node.get_interfaces, []):
            continue
        text = text_of(node)
        if text:
            read.append(text)
    return read


def check_reading_order(locale, read, texts):
    """`texts` come in `read` in this order (anything may come between them)."""
    position = 0
    for n, want in enumerate(texts):
        while position < len(read) and read[position] != want:
            position += 1
        if position == len(read):
            check(False, f"{locale}: Say All order: text {n + 1} of {len(texts)} {want[:60]!r} not read after "
                         f"text {n} (read {len(read)} texts)")
            return
        position += 1
    print(f"{locale}: Say All reads all {len(texts)} Overview titles, paragraphs and list items in order "
          f"({len(read)} texts on the tab)", flush=True)


def session(locale):
    expected = expect[locale]
    process = start(locale, os.path.join(expect["data_dir"], locale))
    try:
        app = find_app()
        check(app is not None, f"{locale}: Harbor never appeared on the accessibility bus")
        if app is None:
            return
        frame = frame_of(app)
        check(role(frame) == "frame", f"{locale}: top node is {role(frame)}")
        check(name(frame) == "Harbor", f"{locale}: window name {name(frame)!r}")

        names = [name(t) for t in tabs(app)]
        check(names == expected["tabs"], f"{locale}: tab names {names} != {expected['tabs']}")

        for tab in expected["tabs"]:
            button = next((t for t in tabs(app) if name(t) == tab), None)
            if button is None:
                continue
            safe(lambda: button.do_action(0))
            chosen = wait_for(lambda: any("selected" in states(t) for t in tabs(app) if name(t) == tab))
            check(chosen, f"{locale}: tab {tab} not selected after its action")
            stops = [name(t) for t in tabs(app) if "focusable" in states(t)]
            check(stops == [tab], f"{locale}: tab stops in the tab list {stops}, expected only {tab}")
            headings = wait_for(lambda: by_role(walk(frame), "heading"))
            check(len(headings) > 0, f"{locale}: tab {tab} exposes no heading")
            nodes = walk(frame)
            # Every focusable control has a name, and no text is two focusable nodes (a mirrored check box once was).
            focusable = [n for n in nodes if "focusable" in states(n) and role(n) != "frame"]
            unnamed = [role(n) for n in focusable
                       if not name(n) and role(n) not in ("panel", "scroll bar", "menu")]
            check(not unnamed, f"{locale}: {tab}: unnamed focusable nodes {unnamed[:5]}")
            boxes = {name(n) for n in by_role(nodes, "check box")}
            doubled = [name(n) for n in focusable
                       if role(n) != "check box" and name(n) in boxes]
            check(not doubled, f"{locale}: {tab}: check box text focusable twice: {doubled[:3]}")
            # Bullets and ticks are painted: no node of their own, and no name that starts with one.
            markers = [f"{role(n)} {name(n)!r}" for n in nodes
                       if name(n).strip() in ("•", "✓", "·") or name(n).startswith(("• ", "✓ "))]
            check(not markers, f"{locale}: {tab}: bullet or tick read as text: {markers[:3]}")
            # A list item sits in a list.
            for item in by_role(nodes, "list item"):
                parent = safe(item.get_parent)
                while parent is not None and role(parent) in ("section", "grouping", "panel"):
                    parent = safe(parent.get_parent)
                check(parent is not None and role(parent) == "list",
                      f"{locale}: {tab}: list item {name(item)[:40]!r} in {role(parent) if parent else None}")
            # The Text interface of a right-to-left label reads its logical text (egui's own runs were garbled).
            for label in by_role(nodes, "label"):
                if has_rtl(name(label)) and "Text" in safe(label.get_interfaces, []):
                    rtl_texts_read[locale] = rtl_texts_read.get(locale, 0) + 1
                    text = text_of(label)
                    check(text == name(label), f"{locale}: {tab}: label text {text!r} != name {name(label)!r}")
            check_readable(locale, tab, nodes)
            levels = check_headings(locale, tab, nodes, expected["headings"].get(tab, []))
            check_list_items(locale, tab, nodes)
            print(f"{locale}: {tab}: {len(by_role(nodes, 'heading'))} headings at levels {levels}, "
                  f"{len(by_role(nodes, 'list item'))} list items", flush=True)
            if tab == expected["reading"]["tab"]:
                check_reading_order(locale, say_all(nodes), expected["reading"]["texts"])
            if tab == expected["table"]["tab"]:
                check_table(locale, nodes, expected["table"])
            if tab == expected["list"]["tab"]:
                items = [n for n in by_role(nodes, "list item") if name(n) == expected["list"]["item"]]
                check(len(items) == 1, f"{locale}: {tab}: the question is {len(items)} list items")
                # The item's one child label holds its text for the Text interface (Say All): not another item.
                others = [role(n) for n in nodes
                          if name(n) == expected["list"]["item"] and role(n) != "list item"
                          and role(safe(n.get_parent)) != "list item"]
                check(not others, f"{locale}: {tab}: the question is also read as {others}")
            # Names are the logical strings of the locale file (display order never reaches the bus).
            for logical in expected.get("texts", {}).get(tab, []):
                found = any(name(n) == logical for n in nodes)
                check(found, f"{locale}: {tab}: no node named {logical!r}")

        if "typed" in expected:
            # Text given to the search field as a screen reader or braille keyboard gives it (EditableText), then
            # read back through the Text interface: the logical string, caret after the last letter.
            typed = expected["typed"]
            entry = next((n for n in walk(frame) if role(n) == "entry"), None)
            check(entry is not None, f"{locale}: no search entry")
            if entry is not None:
                safe(entry.grab_focus)
                done = safe(lambda: entry.set_text_contents(typed), False)
                check(done, f"{locale}: set_text_contents refused")
                got = wait_for(lambda: text_of(entry) if text_of(entry) == typed else None)
                check(got == typed, f"{locale}: typed {typed!r}, the Text interface reads {text_of(entry)!r}")
                caret = safe(lambda: Atspi.Text.get_caret_offset(entry), -1)
                check(caret == len(typed), f"{locale}: caret at {caret} of {len(typed)}")
                safe(lambda: entry.set_text_contents(""))

        if "search" in expected:
            search = expected["search"]
            entry = next((n for n in walk(frame) if role(n) == "entry"), None)
            check(entry is not None, f"{locale}: no search entry")
            if entry is not None:
                window = subprocess.run(["xdotool", "search", "--sync", "--name", "Harbor"],
                                        capture_output=True, text=True).stdout.split()
                if window:
                    subprocess.run(["xdotool", "windowfocus", "--sync", window[0]], check=False)
                entry.grab_focus()
                wait_for(lambda: "focused" in states(entry))
                subprocess.run(["xdotool", "type", "--delay", "40", search["query"]], check=False)
                # The results of a prefix ("pass") come first and can lead with another item: wait until the field
                # holds the whole query and the first result has stayed the same for a while.
                typed_all = wait_for(lambda: text_of(entry) == search["query"])
                check(typed_all, f"{locale}: the search field reads {text_of(entry)!r}, not {search['query']!r}")

                def first_link():
                    links = by_role(walk(frame), "link")
                    return name(links[0]) if links else ""
                first = settled(first_link)
                check(first, f"{locale}: no search result links after typing {search['query']!r}")
                first = (first or "?")[:30]
                subprocess.run(["xdotool", "key", "Return"], check=False)

                def focused():
                    # The active window itself also has the focused state; the focus is the widget inside it.
                    for n in walk(frame)[1:]:
                        if "focused" in states(n):
                            return n
                    return None
                target = wait_for(lambda: (lambda n: n if n is not None and role(n) != "entry" else None)(focused()))
                check(target is not None, f"{locale}: focus went nowhere after the search jump")
                if target is not None:
                    check(first in name(target),
                          f"{locale}: focus after the jump is on {role(target)} {name(target)!r}")
        if "typed" in expected:
            read = rtl_texts_read.get(locale, 0)
            print(f"{locale}: read the Text interface of {read} right-to-left labels", flush=True)
            check(read > 20, f"{locale}: only {read} right-to-left labels expose a Text interface")
    finally:
        stop(process)


def wait_for_x(timeout=120.0):
    """xvfb-run may hand over before the server accepts connections on a loaded machine."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if subprocess.run(["xdpyinfo"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0:
            return
        time.sleep(0.3)


wait_for_x()
enable_accessibility()
for locale in expect["locales"]:
    session(locale)
print(f"{len(failures)} failed checks", flush=True)
sys.exit(1 if failures else 0)
