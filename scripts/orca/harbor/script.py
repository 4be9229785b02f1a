"""Orca script for Harbor (AT-SPI application name "harbor"): structural navigation over Harbor's tree.

Orca's default script switches structural navigation off, and Orca's own structural navigation looks for a
document object and asks it through the AT-SPI Collection interface. Harbor's tree (egui + AccessKit) has
neither, so Orca's H only echoed "h" (issue 25). This script turns structural navigation on for Harbor, outside text fields, (H and
Shift+H for headings, 1-6 for a level, L lists, I list items, T tables, X check boxes, B buttons, E entries),
takes Harbor's window as the document and finds objects by walking the tree. Headings are announced with their
level and T puts Orca's table navigation (Alt+Shift+arrows) in the table's first cell: Harbor's patched AccessKit
(third_party/, docs/upstream/) gives headings the `level` attribute and tables the Table and TableCell interfaces.

Install: copy this folder to ~/.local/share/orca/orca-scripts/harbor (Orca's -u folder/orca-scripts/harbor) and
restart Orca. Checked with Orca 48.1 (scripts/orca-walkthrough.sh).
"""

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

from orca import focus_manager, keybindings, script_utilities, settings, settings_manager  # noqa: E402
from orca import object_properties  # noqa: E402
from orca.ax_object import AXObject  # noqa: E402
from orca.ax_table import AXTable  # noqa: E402
from orca.ax_utilities import AXUtilities  # noqa: E402
from orca.scripts import default  # noqa: E402
from orca.structural_navigation import StructuralNavigation  # noqa: E402


def _descendants(root, role, pred=None):
    """Every showing descendant of `root` with `role`, in document order."""
    if root is None:
        return []

    def wanted(obj):
        return AXObject.get_role(obj) == role and (pred is None or pred(obj))

    return AXObject.find_all_descendants(root, wanted)


class Navigation(StructuralNavigation):
    """Orca's structural navigation with getters that walk the tree (AccessKit has no Collection interface)."""

    def _headingGetter(self, document, arg=None):
        if arg is None:
            return _descendants(document, Atspi.Role.HEADING)
        return _descendants(document, Atspi.Role.HEADING,
                            lambda obj: self._script.utilities.headingLevel(obj) == arg)

    def _headingPresentation(self, obj, arg=None):
        """Orca's presentation of a heading reads its Text, which a heading in Harbor keeps in its child label:
        say the heading's name, role and level instead ("Definitions. heading level 2"), and move there."""
        if obj is None:
            super()._headingPresentation(obj, arg)
            return
        focus_manager.get_manager().set_locus_of_focus(None, obj, False)
        name = AXObject.get_name(obj)
        role = AXUtilities.get_localized_role_name(obj)
        level = self._script.utilities.headingLevel(obj)
        if level:
            role = object_properties.ROLE_HEADING_LEVEL_SPEECH % {"role": role, "level": level}
        self._script.presentMessage(f"{name}. {role}")

    def _tablePresentation(self, obj, arg=None):
        """Orca's presentation ("table with 5 rows 3 columns", then the first cell), with the first cell as the
        locus of focus, so that Orca's table navigation (Alt+Shift+arrows) starts there."""
        super()._tablePresentation(obj, arg)
        cell = AXTable.get_cell_at(obj, 0, 0) if obj is not None else None
        if cell is not None:
            focus_manager.get_manager().set_locus_of_focus(None, cell, False)

    def _listGetter(self, document, arg=None):
        return _descendants(document, Atspi.Role.LIST)

    def _listItemGetter(self, document, arg=None):
        return _descendants(document, Atspi.Role.LIST_ITEM)

    def _tableGetter(self, document, arg=None):
        return _descendants(document, Atspi.Role.TABLE)

    def _checkBoxGetter(self, document, arg=None):
        return _descendants(document, Atspi.Role.CHECK_BOX)

    def _buttonGetter(self, document, arg=None):
        return _descendants(document, Atspi.Role.BUTTON)

    def _entryGetter(self, document, arg=None):
        return _descendants(document, Atspi.Role.ENTRY)


def _readable(obj):
    """A text Say All reads: an object with the Text interface that is not a field."""
    return AXObject.supports_text(obj) and not AXUtilities.is_editable(obj)


class Utilities(script_utilities.Utilities):
    """Harbor's window stands for the document Orca's structural navigation moves through, and Say All goes
    through its texts in document order."""

    def __init__(self, script):
        super().__init__(script)
        self._reading_order = []

    def findNextObject(self, obj):
        """The next text in document order. Orca's default moves to the next sibling of the object or of an
        ancestor, never into children, so it skipped every list and table (and in Harbor could come back to the
        same label)."""
        frame = AXObject.find_ancestor_inclusive(obj, AXUtilities.is_frame)
        if frame is None:
            return super().findNextObject(obj)
        if obj not in self._reading_order:
            # Once each: a node can be reached twice while the tree changes under the walk.
            self._reading_order = []
            for found in AXObject.find_all_descendants(frame, _readable):
                if found not in self._reading_order:
                    self._reading_order.append(found)
        if obj in self._reading_order:
            index = self._reading_order.index(obj)
            return self._reading_order[index + 1] if index + 1 < len(self._reading_order) else None
        # Say All started on an object that is not a text (a section, a button): the first text after it.
        following = AXObject.find_all_descendants(frame, lambda o: o == obj or _readable(o))
        if obj in following:
            index = following.index(obj)
            return following[index + 1] if index + 1 < len(following) else None
        return None

    def documentFrame(self, obj=None):
        document = super().documentFrame(obj)
        if document is not None:
            return document
        obj = obj or focus_manager.get_manager().get_locus_of_focus()
        return AXObject.find_ancestor_inclusive(obj, AXUtilities.is_frame)


class Script(default.Script):
    """Harbor: the default script with structural navigation on."""

    def get_utilities(self):
        return Utilities(self)

    def get_enabled_structural_navigation_types(self):
        return [StructuralNavigation.HEADING,
                StructuralNavigation.LIST,
                StructuralNavigation.LIST_ITEM,
                StructuralNavigation.TABLE,
                StructuralNavigation.CHECK_BOX,
                StructuralNavigation.BUTTON,
                StructuralNavigation.ENTRY]

    def get_structural_navigation(self):
        return Navigation(self, self.get_enabled_structural_navigation_types(), True)

    def locus_of_focus_changed(self, event, old_focus, new_focus):
        """Letters are structural navigation commands only outside text fields: in a field (search, passphrase,
        notes) they are typed."""
        editable = new_focus is not None and AXUtilities.is_editable(new_focus)
        self.structural_navigation.suspend_commands(self, editable, "focus in a text field" if editable else "")
        return super().locus_of_focus_changed(event, old_focus, new_focus)

    def setup_input_event_handlers(self):
        super().setup_input_event_handlers()
        self.input_event_handlers.update(self.structural_navigation.get_handlers(True))

    def get_app_key_bindings(self):
        bindings = keybindings.KeyBindings()
        layout = settings_manager.get_manager().get_setting("keyboardLayout")
        is_desktop = layout == settings.GENERAL_KEYBOARD_LAYOUT_DESKTOP
        for binding in self.structural_navigation.get_bindings(refresh=True, is_desktop=is_desktop).key_bindings:
            bindings.add(binding)
        return bindings
