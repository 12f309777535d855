//! Checks the message catalogs before the dashboard is compiled, and bakes them in.
//!
//! Every language must have the same keys with the same `{placeholders}`, and every key the
//! code names in a `t("…")`, `tf("…")` or `plural("…")` call must exist, so a missing or
//! mistyped translation stops the build instead of showing a key to a person. So must every
//! message code of the shared rules (`crates/dns-rules`), which the dashboard translates as
//! `rules.<code>`. The catalogs become sorted static tables (`catalogs.rs` in `OUT_DIR`) that
//! are searched at run time.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

const CATALOGS: &str = "src/i18n/catalogs";
const LANGUAGES: [&str; 2] = ["en", "sq"];
const RULES: &str = "crates/dns-rules/src";

fn main() {
    println!("cargo::rerun-if-changed={CATALOGS}");
    println!("cargo::rerun-if-changed=src");
    println!("cargo::rerun-if-changed={RULES}");

    let mut catalogs = BTreeMap::new();
    let mut problems = Vec::new();
    for language in LANGUAGES {
        let catalog = read_catalog(&Path::new(CATALOGS).join(language), &mut problems);
        catalogs.insert(language, catalog);
    }
    compare(&catalogs, &mut problems);
    check_used_keys(&catalogs["en"], &mut problems);
    check_rule_codes(&catalogs, &mut problems);

    if !problems.is_empty() {
        for problem in &problems {
            println!("cargo::error={problem}");
        }
        return;
    }

    let mut out = String::new();
    for (language, catalog) in &catalogs {
        let _ = writeln!(out, "pub static {}: &[(&str, &str)] = &[", language.to_uppercase());
        for (key, text) in catalog {
            let _ = writeln!(out, "    ({key:?}, {text:?}),");
        }
        out.push_str("];\n");
    }
    let dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(dir.join("catalogs.rs"), out).expect("OUT_DIR is writable");
}

/// Reads every `*.txt` file of one language: `key = text` lines, `#` comments, blank lines.
fn read_catalog(dir: &Path, problems: &mut Vec<String>) -> BTreeMap<String, String> {
    let mut catalog = BTreeMap::new();
    let Ok(entries) = fs::read_dir(dir) else {
        problems.push(format!("{} cannot be read", dir.display()));
        return catalog;
    };
    let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();

    for file in files.iter().filter(|f| f.extension().is_some_and(|e| e == "txt")) {
        let text = fs::read_to_string(file).unwrap_or_default();
        for (index, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let place = format!("{}:{}", file.display(), index + 1);
            let Some((key, value)) = line.split_once(" = ") else {
                problems.push(format!("{place}: expected `key = text`"));
                continue;
            };
            let value = value.replace("\\n", "\n");
            if catalog.insert(key.trim().to_owned(), value).is_some() {
                problems.push(format!("{place}: `{key}` is defined twice"));
            }
        }
    }
    catalog
}

/// The `{name}` placeholders of a text.
fn placeholders(text: &str) -> BTreeSet<&str> {
    text.split('{').skip(1).filter_map(|part| part.split_once('}').map(|(name, _)| name)).collect()
}

fn compare(catalogs: &BTreeMap<&str, BTreeMap<String, String>>, problems: &mut Vec<String>) {
    let english = &catalogs["en"];
    for (language, catalog) in catalogs.iter().filter(|(l, _)| **l != "en") {
        for key in english.keys().filter(|k| !catalog.contains_key(*k)) {
            problems.push(format!("`{key}` has no {language} translation"));
        }
        for (key, text) in catalog {
            match english.get(key) {
                None => problems.push(format!("`{key}` is in {language} but not in en")),
                Some(source) if placeholders(source) != placeholders(text) => {
                    problems.push(format!("`{key}`: {language} has other placeholders than en"));
                }
                Some(_) => {}
            }
        }
    }
}

/// Finds the literal keys of `t("…")`, `tf("…")` and `plural("…")` calls under `src/`.
fn check_used_keys(catalog: &BTreeMap<String, String>, problems: &mut Vec<String>) {
    let mut stack = vec![PathBuf::from("src")];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            if let Ok(entries) = fs::read_dir(&path) {
                stack.extend(entries.filter_map(|e| e.ok().map(|e| e.path())));
            }
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap_or_default();
        for call in ["t(\"", "tf(\"", "plural(\""] {
            for (at, _) in text.match_indices(call) {
                let preceded_by_name =
                    text[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_');
                if preceded_by_name {
                    continue;
                }
                let rest = &text[at + call.len()..];
                let Some(key) = rest.split('"').next() else { continue };
                let known = if call == "plural(\"" {
                    catalog.contains_key(&format!("{key}.one"))
                        && catalog.contains_key(&format!("{key}.other"))
                } else {
                    catalog.contains_key(key)
                };
                if !known {
                    problems.push(format!("{}: no message `{key}`", path.display()));
                }
            }
        }
    }
}

/// Finds the message codes of the shared rules: the first argument of every
/// `RuleError::new(…)` and of every `fragment(…)` under `crates/dns-rules/src`, which must be
/// a string literal, and checks that every language has `rules.<code>`.
fn check_rule_codes(
    catalogs: &BTreeMap<&str, BTreeMap<String, String>>,
    problems: &mut Vec<String>,
) {
    let mut files: Vec<PathBuf> = fs::read_dir(RULES)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|path| path.extension().is_some_and(|e| e == "rs"));
    if files.is_empty() {
        problems.push(format!("{RULES} has no Rust files to find the rule codes in"));
    }

    for path in files {
        let text = fs::read_to_string(&path).unwrap_or_default();
        for call in ["RuleError::new(", "fragment("] {
            for (at, _) in text.match_indices(call) {
                let before = text[..at].trim_end();
                let preceded_by_name =
                    text[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_');
                if preceded_by_name || before.ends_with("fn") {
                    continue;
                }
                let rest = text[at + call.len()..].trim_start();
                let Some(code) = rest.strip_prefix('"').and_then(|r| r.split('"').next()) else {
                    problems.push(format!(
                        "{}: the code of a `{call}…)` must be a string literal",
                        path.display()
                    ));
                    continue;
                };
                for (language, catalog) in catalogs {
                    if !catalog.contains_key(&format!("rules.{code}")) {
                        problems.push(format!(
                            "{}: rule code `{code}` has no {language} message `rules.{code}`",
                            path.display()
                        ));
                    }
                }
            }
        }
    }
}
