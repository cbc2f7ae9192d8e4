//! Why a write to an adherence is refused (SPEC §3: the same write rules and errors as for
//! assessments). Every variant names the clause key and the field, so the API can answer
//! `VALIDATION` with `itemKey` and `field` (SPEC §7).

use thiserror::Error;

/// A refused write to an adherence.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum AdherenceError {
    /// A key that is not a clause of the adopted code version: a typo, or a key of another
    /// template.
    #[error("`{item_key}` is not a clause of the adopted code version (field `{field}`)")]
    UnknownClause {
        /// The unknown key.
        item_key: String,
        /// The field that named it.
        field: String,
    },
    /// A `DEVIATION` or `NOT_APPLICABLE` answer without its justification.
    #[error("`{item_key}`: `{field}` needs a justification that is not empty")]
    MissingJustification {
        /// The clause.
        item_key: String,
        /// The field.
        field: String,
    },
    /// A `COMPLIANT` answer without evidence.
    #[error("`{item_key}`: a COMPLIANT answer needs evidence a monitoring body can check (field `{field}`)")]
    MissingEvidence {
        /// The clause.
        item_key: String,
        /// Always `evidence`.
        field: String,
    },
    /// A link to a measure the controller's DPIA does not have.
    #[error("`{item_key}`: `{field}` refers to `{measure_key}`, which is not a measure of your assessment")]
    UnknownMeasure {
        /// The clause.
        item_key: String,
        /// The field holding the link.
        field: String,
        /// The measure key given.
        measure_key: String,
    },
    /// A link to a retired measure, which meets nothing any more.
    #[error("`{item_key}`: `{field}` refers to `{measure_key}`, which is retired and meets nothing; link a measure in force")]
    MeasureRetired {
        /// The clause.
        item_key: String,
        /// The field holding the link.
        field: String,
        /// The retired measure.
        measure_key: String,
    },
    /// The same measure linked twice.
    #[error("`{item_key}`: `{field}` names `{measure_key}` more than once")]
    DuplicateMeasure {
        /// The clause.
        item_key: String,
        /// The field holding the links.
        field: String,
        /// The repeated measure.
        measure_key: String,
    },
    /// A clear of an answer that does not exist: an error, not a silent no-op (SPEC §3).
    #[error("`{item_key}`: no answer is recorded, so there is nothing to clear (field `{field}`)")]
    NothingToClear {
        /// The clause.
        item_key: String,
        /// Always `answer`.
        field: String,
    },
}

impl AdherenceError {
    /// The key of the clause the error is about (SPEC §7 `itemKey`).
    pub fn item_key(&self) -> &str {
        self.address().0
    }

    /// The field the error is about (SPEC §7 `field`).
    pub fn field(&self) -> &str {
        self.address().1
    }

    fn address(&self) -> (&str, &str) {
        use AdherenceError as E;
        match self {
            E::UnknownClause { item_key, field }
            | E::MissingJustification { item_key, field }
            | E::MissingEvidence { item_key, field }
            | E::UnknownMeasure {
                item_key, field, ..
            }
            | E::MeasureRetired {
                item_key, field, ..
            }
            | E::DuplicateMeasure {
                item_key, field, ..
            }
            | E::NothingToClear { item_key, field } => (item_key, field),
        }
    }
}
