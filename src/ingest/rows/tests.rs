use super::*;

#[test]
fn status_classes() {
    assert_eq!(status_class("Cancelled"), StatusClass::Cancelled);
    assert_eq!(status_class("canceled"), StatusClass::Cancelled);
    assert_eq!(
        status_class("Shipped - Delivered to Buyer"),
        StatusClass::Shipped
    );
    assert_eq!(status_class("PartiallyShipped"), StatusClass::Other);
    assert_eq!(status_class(""), StatusClass::Absent);
}

#[test]
fn tracking_is_normalised() {
    assert_eq!(normalise_tracking(" 1z-999 aa1 "), "1Z999AA1");
}

#[test]
fn personal_looking_values_are_never_quoted() {
    for v in [
        "pat@example.com",
        "(415) 555-0178",
        "+1 206-555-0143",
        "206-555-0143",
        "(206) 555-0143",
        "+1 206 555 0143",
        "206.555.0143",
        "555-0143 12",
        "+442079460321",
        "Pat Buyer",
        "31 Wrenfield Mews",
    ] {
        assert!(!quote(v).contains(v), "{v}");
    }
    for v in [
        "yesterday",
        "2026-13-01",
        "1999-11-16T18:00:00+00:00",
        "20.10.26",
        "30.04.2022",
        "2026.13.01",
        "555-01",
        "Drone",
        "01-Oct-2026",
    ] {
        assert_eq!(quote(v), format!("'{v}'"));
    }
}

#[test]
fn status_with_a_multibyte_character_does_not_panic() {
    assert_eq!(status_class("Shippe\u{e9}"), StatusClass::Other);
    assert_eq!(status_class("\u{e5}\u{e5}\u{e5}\u{e5}"), StatusClass::Other);
}

#[test]
fn quoted_values_show_control_characters_escaped() {
    assert_eq!(quote("a\x1b[31mb\u{9b}"), r"'a\u{1b}[31mb\u{9b}'");
    assert!(quote(&"x".repeat(100)).ends_with("…'"));
}
