//! Values per document for the documents a query term reaches, without hashing: an array as long as the index
//! (so finding a document's entry is one read) and the entries in the order they were first set. Searching runs on
//! every keystroke over every language's copy of the guide, where a short prefix reaches thousands of items.

/// Marks a document without an entry.
const NONE: u32 = u32::MAX;

/// Per document, a value of type `T`, for the documents set so far.
pub(super) struct PerDoc<T> {
    /// Per document: where its entry is in `entries`, or [`NONE`].
    slots: Vec<u32>,
    entries: Vec<(u32, T)>,
}

impl<T: Copy> PerDoc<T> {
    /// Room for the documents `0..documents`; a document outside it is ignored.
    pub(super) fn new(documents: usize) -> Self {
        Self {
            slots: vec![NONE; documents],
            entries: Vec::new(),
        }
    }

    /// The document's entry, set to `value` first if it has none.
    pub(super) fn entry(&mut self, doc: u32, value: T) -> Option<&mut T> {
        let slot = self.slots.get_mut(doc as usize)?;
        if *slot == NONE {
            *slot = u32::try_from(self.entries.len()).ok()?;
            self.entries.push((doc, value));
        }
        self.entries.get_mut(*slot as usize).map(|(_, v)| v)
    }

    /// The document's value, if it has one.
    pub(super) fn get(&self, doc: u32) -> Option<T> {
        let slot = *self.slots.get(doc as usize)?;
        self.entries.get(slot as usize).map(|(_, v)| *v)
    }

    /// How many documents have a value.
    pub(super) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Every (document, value), in the order the documents were first set.
    pub(super) fn iter(&self) -> impl Iterator<Item = &(u32, T)> {
        self.entries.iter()
    }

    /// Every (document, value), mutable.
    pub(super) fn iter_mut(&mut self) -> impl Iterator<Item = &mut (u32, T)> {
        self.entries.iter_mut()
    }

    /// The entries, in the order the documents were first set.
    pub(super) fn into_entries(self) -> Vec<(u32, T)> {
        self.entries
    }
}

impl PerDoc<f32> {
    /// Keeps the larger of the document's value and `value`.
    pub(super) fn keep_max(&mut self, doc: u32, value: f32) {
        if let Some(entry) = self.entry(doc, value) {
            *entry = entry.max(value);
        }
    }
}
