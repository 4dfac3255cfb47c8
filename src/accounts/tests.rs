use super::*;

fn folder(root: &Path, name: &str, toml: Option<&str>) -> PathBuf {
    let dir = root.join(name);
    std::fs::create_dir_all(&dir).unwrap();
    if let Some(text) = toml {
        std::fs::write(dir.join(SETTINGS_FILE), text).unwrap();
    }
    dir
}

#[test]
fn accounts_are_subfolders_in_name_order_with_their_settings() {
    let root = tempfile::tempdir().unwrap();
    folder(root.path(), "zeta", None);
    folder(
        root.path(),
        "b-folder",
        Some(
            "name = \"Acme UK\"\nmarketplace = \"uk\"\ntz = \"Europe/London\"\nhandling-days = 2\nmax-age = \"off\"\nrequire = [\"odr\", \"late_shipment_rate\"]\n",
        ),
    );
    folder(root.path(), ".git", None);
    std::fs::write(root.path().join("notes.txt"), "not an account").unwrap();
    let accounts = discover(root.path()).unwrap();
    let names: Vec<&str> = accounts.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Acme UK", "zeta"]);
    assert_eq!(
        accounts[0].settings,
        Ok(Settings {
            marketplace: Some(Marketplace::Uk),
            tz: Some(chrono_tz::Europe::London),
            handling_days: Some(2),
            max_age: Some(None),
            require: Some(vec![MetricId::OrderDefectRate, MetricId::LateShipmentRate]),
        })
    );
    assert_eq!(accounts[1].settings, Ok(Settings::default()));
}

#[test]
fn an_unknown_key_or_a_bad_value_fails_that_account_naming_file_and_key() {
    let root = tempfile::tempdir().unwrap();
    folder(root.path(), "a", Some("name = \"A\"\nhandling_days = 2\n"));
    folder(root.path(), "b", Some("marketplace = \"XX\"\n"));
    folder(root.path(), "c", Some("max-age = -1\n"));
    folder(root.path(), "d", Some("require = \"odr,nope\"\n"));
    folder(root.path(), "e", Some("tz = \"Mars/Olympus\"\n"));
    folder(root.path(), "f", Some("handling-days = 99\n"));
    folder(root.path(), "g", Some("name = [\n"));
    let accounts = discover(root.path()).unwrap();
    let errors: Vec<String> = accounts
        .iter()
        .map(|a| a.settings.clone().unwrap_err())
        .collect();
    let expect = [
        ("a", "handling_days"),
        ("b", "marketplace: 'XX'"),
        ("c", "max-age: -1"),
        ("d", "require: 'nope'"),
        ("e", "tz: 'Mars/Olympus'"),
        ("f", "handling-days: 99"),
        ("g", "account.toml:1"),
    ];
    for ((folder, key), error) in expect.iter().zip(&errors) {
        assert!(error.contains(&format!("{folder}/account.toml")), "{error}");
        assert!(error.contains(key), "{key} not in {error}");
    }
    // The folder's name stands in for a name the file could not give.
    assert_eq!(accounts[0].name, "a");
}

#[test]
fn a_folder_without_subfolders_is_an_error() {
    let root = tempfile::tempdir().unwrap();
    std::fs::write(root.path().join("orders.txt"), "x").unwrap();
    let e = discover(root.path()).unwrap_err().to_string();
    assert!(e.contains("holds no account folders"), "{e}");
    let e = discover(&root.path().join("missing"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("cannot list it"), "{e}");
}
