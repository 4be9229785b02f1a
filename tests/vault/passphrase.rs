//! New passphrases: the weakest are refused however long they are; unrelated words pass.

use harbor::vault::passphrase::{Strength, strength};

#[test]
fn common_passwords_and_patterns_are_refused_however_long() {
    for weak in [
        "password123",
        "Password123!",
        "qwertyuiop",
        "1234567890",
        "aaaaaaaaaaaa",
        "iloveyou2024",
        "harborharbor",
    ] {
        let estimated = strength(weak);
        assert_eq!(estimated, Strength::Weak, "{weak:?}");
        assert!(!estimated.acceptable(), "{weak:?}");
    }
}

#[test]
fn short_ones_are_too_short() {
    assert_eq!(strength("x7#Qm!2z"), Strength::TooShort);
    assert!(!Strength::TooShort.acceptable());
}

#[test]
fn unrelated_words_are_accepted() {
    for good in [
        "correct horse battery staple",
        "four unrelated words here",
        "marble kettle orbit saffron",
    ] {
        let estimated = strength(good);
        assert!(estimated.acceptable(), "{good:?}: {estimated:?}");
    }
    assert_eq!(strength("marble kettle orbit saffron"), Strength::Strong);
}
