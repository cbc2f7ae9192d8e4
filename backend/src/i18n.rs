//! The languages of the user interface and the report: Danish (the default: the users are
//! Danish public bodies) and English. Every string a person reads lives in a Project Fluent
//! catalogue under `backend/i18n/<lang>/`, compiled into the binary; templates name keys only.
//!
//! To add a catalogue file, add it to [`CATALOGUE`] in both languages; the tests refuse a key
//! that exists in one language only, and a message that does not parse.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language the interface speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Danish, the default.
    #[default]
    Da,
    /// English.
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Da, Lang::En];

    /// The BCP 47 code, as used in `<html lang>` and the `lang` setting.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::En => "en",
        }
    }

    /// `da` or `en` (also `da-DK`, `en-GB`, any case); anything else is not a language we speak.
    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "da" => Some(Lang::Da),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language a browser asks for in `Accept-Language`: the supported one with the highest
    /// quality, Danish when it names none of ours.
    pub fn from_accept_language(header: &str) -> Lang {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let Some(lang) = pieces.next().and_then(Lang::parse) else {
                continue;
            };
            let quality = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if quality > 0.0 && best.is_none_or(|(q, _)| quality > q) {
                best = Some((quality, lang));
            }
        }
        best.map(|(_, lang)| lang).unwrap_or_default()
    }
}

/// The catalogue files: (name, Danish text, English text).
const CATALOGUE: &[(&str, &str, &str)] = &[
    (
        "common.ftl",
        include_str!("../i18n/da/common.ftl"),
        include_str!("../i18n/en/common.ftl"),
    ),
    (
        "report.ftl",
        include_str!("../i18n/da/report.ftl"),
        include_str!("../i18n/en/report.ftl"),
    ),
    (
        "web.ftl",
        include_str!("../i18n/da/web.ftl"),
        include_str!("../i18n/en/web.ftl"),
    ),
    (
        "workspace.ftl",
        include_str!("../i18n/da/workspace.ftl"),
        include_str!("../i18n/en/workspace.ftl"),
    ),
    (
        "notices.ftl",
        include_str!("../i18n/da/notices.ftl"),
        include_str!("../i18n/en/notices.ftl"),
    ),
    (
        "authority.ftl",
        include_str!("../i18n/da/authority.ftl"),
        include_str!("../i18n/en/authority.ftl"),
    ),
    (
        "central.ftl",
        include_str!("../i18n/da/central.ftl"),
        include_str!("../i18n/en/central.ftl"),
    ),
];

struct Catalogue {
    bundle: FluentBundle<FluentResource>,
    ids: BTreeSet<String>,
}

fn build(lang: Lang) -> Catalogue {
    let langid = lang
        .code()
        .parse()
        .expect("da and en are valid language ids");
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // No Unicode isolation marks around arguments: they would end up inside HTML attributes.
    bundle.set_use_isolating(false);
    let mut ids = BTreeSet::new();
    for (name, da, en) in CATALOGUE {
        let text = match lang {
            Lang::Da => *da,
            Lang::En => *en,
        };
        let resource = FluentResource::try_new(text.to_string()).unwrap_or_else(|(_, errors)| {
            panic!(
                "backend/i18n/{}/{name} does not parse: {errors:?}",
                lang.code()
            )
        });
        for entry in resource.entries() {
            if let fluent_syntax::ast::Entry::Message(m) = entry {
                ids.insert(m.id.name.to_string());
            }
        }
        bundle.add_resource(resource).unwrap_or_else(|errors| {
            panic!(
                "backend/i18n/{}/{name} repeats a key: {errors:?}",
                lang.code()
            )
        });
    }
    Catalogue { bundle, ids }
}

static DANISH: LazyLock<Catalogue> = LazyLock::new(|| build(Lang::Da));
static ENGLISH: LazyLock<Catalogue> = LazyLock::new(|| build(Lang::En));

fn catalogue(lang: Lang) -> &'static Catalogue {
    match lang {
        Lang::Da => &DANISH,
        Lang::En => &ENGLISH,
    }
}

/// An argument of a message (`{ $count }`).
pub enum Arg<'a> {
    Text(&'a str),
    Number(i64),
}

/// The message `key` in `lang`, with its arguments. A missing key is a bug the tests catch;
/// at run time it shows as the key itself rather than failing the page.
pub fn text_with(lang: Lang, key: &str, args: &[(&str, Arg<'_>)]) -> String {
    let bundle = &catalogue(lang).bundle;
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        tracing::warn!(key, lang = lang.code(), "missing translation");
        return key.to_string();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Text(t) => fluent_args.set(*name, FluentValue::from(*t)),
            Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
        }
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    if !errors.is_empty() {
        tracing::warn!(
            key,
            lang = lang.code(),
            ?errors,
            "translation needs other arguments"
        );
    }
    text.into_owned()
}

/// The message `key` in `lang`.
pub fn text(lang: Lang, key: &str) -> String {
    text_with(lang, key, &[])
}

/// Whether `key` exists (in both languages, which the tests make the same thing).
pub fn has(key: &str) -> bool {
    catalogue(Lang::Da).ids.contains(key)
}

/// Every message id of a language, for the parity test and template checks.
pub fn message_ids(lang: Lang) -> &'static BTreeSet<String> {
    &catalogue(lang).ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_and_english_have_the_same_keys() {
        let da = message_ids(Lang::Da);
        let en = message_ids(Lang::En);
        let only_da: Vec<_> = da.difference(en).collect();
        let only_en: Vec<_> = en.difference(da).collect();
        assert!(
            only_da.is_empty() && only_en.is_empty(),
            "keys only in Danish: {only_da:?}; only in English: {only_en:?}"
        );
        assert!(da.contains("app-name"));
    }

    #[test]
    fn every_message_formats_without_errors_in_both_languages() {
        for lang in Lang::ALL {
            for id in message_ids(lang) {
                let bundle = &catalogue(lang).bundle;
                let message = bundle.get_message(id).expect("listed ids exist");
                assert!(
                    message.value().is_some(),
                    "{id} ({}) has no value",
                    lang.code()
                );
            }
        }
    }

    #[test]
    fn danish_is_the_default_and_accept_language_is_honoured() {
        assert_eq!(Lang::default(), Lang::Da);
        assert_eq!(Lang::from_accept_language(""), Lang::Da);
        assert_eq!(Lang::from_accept_language("fr-FR,fr;q=0.9"), Lang::Da);
        assert_eq!(
            Lang::from_accept_language("en-GB,en;q=0.9,da;q=0.8"),
            Lang::En
        );
        assert_eq!(
            Lang::from_accept_language("de;q=1, da;q=0.5, en;q=0.4"),
            Lang::Da
        );
        assert_eq!(Lang::from_accept_language("en;q=0, da;q=0.1"), Lang::Da);
        assert_eq!(Lang::parse("EN-us"), Some(Lang::En));
        assert_eq!(Lang::parse("sv"), None);
    }

    #[test]
    fn a_missing_key_shows_as_itself_and_arguments_fill_in() {
        assert_eq!(text(Lang::Da, "no-such-key"), "no-such-key");
        assert_eq!(text(Lang::Da, "language-name"), "Dansk");
        assert_eq!(text(Lang::En, "language-name"), "English");
    }
}
