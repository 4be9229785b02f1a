//! A scripted session for the privacy check (`HARBOR_SELF_TEST=1`): the real binary opens every tab, creates a
//! vault, adds a record carrying a marker, locks and quits — so a script can watch its system calls and then search
//! the disk for the marker. Off unless the variable is set.

use secrecy::SecretString;

/// Where the scripted session is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Showing tab `n` of every tab, one per frame.
    Tab(usize),
    CreateVault,
    WaitUnlocked,
    AddRecord,
    WaitSaved,
    Lock,
    WaitIdle,
    Quit,
}

/// The self-test's state.
#[derive(Debug)]
pub struct SelfTest {
    pub step: Step,
    /// Text put into the record; the privacy script searches the disk for it.
    pub marker: String,
    pub passphrase: SecretString,
}

impl SelfTest {
    /// The self-test if `HARBOR_SELF_TEST` is set; the marker comes from `HARBOR_SELF_TEST_MARKER`.
    pub fn from_env() -> Option<Self> {
        std::env::var_os("HARBOR_SELF_TEST")?;
        let marker = std::env::var("HARBOR_SELF_TEST_MARKER")
            .unwrap_or_else(|_| "harbor-self-test-marker".into());
        Some(Self {
            step: Step::Tab(0),
            marker,
            passphrase: SecretString::from("self test passphrase, not secret"),
        })
    }
}
