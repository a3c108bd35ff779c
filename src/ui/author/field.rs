//! The parts of a question `quiz new` asks, per kind, and the part each
//! problem of the check rules leads back to.

use crate::bank::Kind;
use crate::diagnostic::Diagnostic;

/// The parts of a question an author can go back to, in the order asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Field {
    Kind,
    Question,
    Id,
    Exhibit,
    Choices,
    Correct,
    Multi,
    Whys,
    Items,
    Pairs,
    Extra,
    Answer,
    Tolerance,
    Case,
    Shuffle,
    Explanation,
    References,
    Tags,
}

impl Field {
    /// The fields of a question of `kind`, in the order asked.
    pub(super) fn of_kind(kind: Kind) -> Vec<Field> {
        let own: &[Field] = match kind {
            Kind::Choice => &[
                Field::Choices,
                Field::Correct,
                Field::Multi,
                Field::Whys,
                Field::Shuffle,
            ],
            Kind::Order => &[Field::Items],
            Kind::Match => &[Field::Pairs, Field::Extra, Field::Shuffle],
            Kind::Number => &[Field::Answer, Field::Tolerance],
            Kind::Text => &[Field::Answer, Field::Case],
            Kind::Open => &[Field::Answer],
        };
        [Field::Kind, Field::Question, Field::Id, Field::Exhibit]
            .into_iter()
            .chain(own.iter().copied())
            .chain([Field::Explanation, Field::References, Field::Tags])
            .collect()
    }

    pub(super) fn label(self, kind: Kind) -> &'static str {
        match (self, kind) {
            (Field::Kind, _) => "Kind",
            (Field::Question, _) => "Question",
            (Field::Id, _) => "Id",
            (Field::Exhibit, _) => "Exhibit",
            (Field::Choices, _) => "Choices",
            (Field::Correct, _) => "Correct answers",
            (Field::Multi, _) => "How many to pick: told, or select all that apply",
            (Field::Whys, _) => "Feedback on each choice (why)",
            (Field::Items, _) => "Items, in the right order",
            (Field::Pairs, _) => "Pairs",
            (Field::Extra, _) => "Extra responses",
            (Field::Answer, Kind::Text) => "Accepted answers",
            (Field::Answer, Kind::Open) => "Model answer",
            (Field::Answer, _) => "Answer",
            (Field::Tolerance, _) => "Tolerance",
            (Field::Case, _) => "Case",
            (Field::Shuffle, _) => "Shuffling",
            (Field::Explanation, _) => "Explanation",
            (Field::References, _) => "References",
            (Field::Tags, _) => "Tags",
        }
    }

    /// The field a diagnostic of the check rules is about.
    pub(super) fn of(diagnostic: &Diagnostic) -> Option<Field> {
        Some(match diagnostic.code {
            "invalid-id" | "id-too-long" | "duplicate-id" => Field::Id,
            "unknown-kind" => Field::Kind,
            "empty-question" | "hint-count-mismatch" => Field::Question,
            // Pinning is not asked: keeping the order is.
            "unpinned-catch-all" | "choice-names-letters" => Field::Shuffle,
            "too-few-choices" | "too-many-choices" | "empty-choice" | "duplicate-choice" => {
                Field::Choices
            }
            "invalid-answer" | "answer-out-of-range" | "duplicate-answer" => Field::Correct,
            "too-few-items" | "too-many-items" | "empty-item" | "duplicate-item" => Field::Items,
            "too-few-pairs" | "too-many-pairs" | "empty-pair" | "duplicate-premise" => Field::Pairs,
            "duplicate-response" => Field::Extra,
            "invalid-number" | "empty-answer" | "duplicate-accepted" => Field::Answer,
            "invalid-tolerance" => Field::Tolerance,
            "invalid-reference" | "invalid-rfc" | "invalid-url" | "missing-reference" => {
                Field::References
            }
            "missing-explanation" => Field::Explanation,
            _ => return None,
        })
    }
}
