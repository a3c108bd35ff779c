//! The flow with questions of every kind: confirming an order, a match half
//! filled, a number that must read as one, an open question marked, and every
//! kind's response kept and resumed.

use super::*;
use crate::quiz::Outcome;

/// A question of each new kind, in file order.
const KINDS: &str = "questions:
  - id: order
    kind: order
    question: Order them
    items: [first, second, third]
  - id: match
    kind: match
    question: Match them
    pairs:
      - one: x
      - two: y
  - id: number
    kind: number
    question: How many?
    answer: 100
    tolerance: 5%
  - id: open
    kind: open
    question: Why?
    answer: Because.
";

fn kinds_session(banks: &[Bank], mode: Mode) -> Sitting<'_> {
    let options = Options {
        mode,
        pass_mark: 50.0,
        ..Options::default()
    };
    let session = Session::new(banks, options).expect("a session");
    let (flow, _) = Flow::start(&session, None, Kept::default(), t(0));
    Sitting {
        session,
        flow,
        now: t(0),
    }
}

#[test]
fn enter_confirms_an_order_as_shown_and_a_move_is_an_answer() {
    let b = crate::bank::from_text(KINDS);
    let mut s = kinds_session(&b, Mode::Exam);
    // The items are never shown in the right order: unmoved, it is wrong.
    let shown = s.session.asked(0).expect("a question").order;
    assert_ne!(shown, [0, 1, 2]);
    assert!(!s.flow.answered(0));
    s.act(Action::Answer);
    assert!(s.flow.answered(0), "Enter confirms the order shown");
    assert_eq!(s.flow.response(0), &Response::Sequence(vec![0, 1, 2]));
    // In practice, a move is an answer too; the right order scores.
    let mut p = kinds_session(&b, Mode::Practice);
    let right: Vec<usize> = (0..3)
        .map(|file| shown.iter().position(|&s| s == file).expect("shown"))
        .collect();
    p.act(Action::Edit(Edit::Move { from: 0, to: 0 }));
    p.act(Action::Edit(Edit::Set(Response::Sequence(right))));
    let effects = p.act(Action::Answer);
    assert_eq!(p.records(&effects)[0].2, 1.0);
}

#[test]
fn a_match_half_filled_is_incomplete_and_a_number_must_read_as_one() {
    let b = crate::bank::from_text(KINDS);
    let mut s = kinds_session(&b, Mode::Exam);
    s.act(Action::Next);
    assert_eq!(s.flow.phase(), Phase::Asking(1));
    s.act(Action::Edit(Edit::Fill {
        premise: 0,
        response: Some(0),
    }));
    assert_eq!(
        s.flow.status(&s.session, 1),
        Status::Incomplete { done: 1, of: 2 }
    );
    s.act(Action::Next);
    s.act(Action::Edit(Edit::Type("1e".into())));
    let refused = s.act(Action::Answer);
    assert_eq!(notice(&refused), Some(Notice::Refused(Refusal::NotANumber)));
    assert_eq!(s.flow.phase(), Phase::Asking(2), "a refused answer stays");
    s.act(Action::Edit(Edit::Type("104".into())));
    s.act(Action::Answer);
    assert_eq!(s.flow.phase(), Phase::Asking(3));
    let outcome = s.flow.outcome(&s.session, 2).expect("an outcome");
    assert_eq!(outcome.points, 1.0, "within 5% of 100");
}

#[test]
fn an_open_question_is_marked_after_the_attempt_and_never_scored() {
    let b = crate::bank::from_text(KINDS);
    // Practice: the attempt is optional; Enter shows the model answer, then
    // the candidate marks it, and the mark is recorded.
    let mut p = kinds_session(&b, Mode::Practice);
    for _ in 0..3 {
        p.act(Action::Skip);
        p.act(Action::Next);
    }
    assert_eq!(p.flow.phase(), Phase::Asking(3));
    // A mark before the model answer is shown does nothing.
    p.act(Action::Edit(Edit::Mark {
        index: 3,
        mark: SelfMark::Right,
    }));
    assert_eq!(p.flow.response(3), &p.session.blank(3));
    let effects = p.act(Action::Answer);
    assert_eq!(p.flow.phase(), Phase::Feedback(3));
    assert!(p.flow.answered(3));
    assert_eq!(p.records(&effects).len(), 1);
    let effects = p.act(Action::Edit(Edit::Mark {
        index: 3,
        mark: SelfMark::Partly,
    }));
    let recorded: Vec<&Outcome> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Record { outcome, .. } => Some(outcome),
            _ => None,
        })
        .collect();
    assert_eq!(recorded.len(), 1);
    assert_eq!(
        (recorded[0].scored, recorded[0].mark, recorded[0].points),
        (false, Some(SelfMark::Partly), 0.5)
    );
    let summary = p.flow.summary(&p.session);
    assert_eq!((summary.points(), summary.max_points()), (0.0, 3));
    assert_eq!(p.flow.score(&p.session), (0.0, 3));

    // An exam: marked on the results, once submitted; the score leaves it out.
    let mut e = kinds_session(&b, Mode::Exam);
    for _ in 0..3 {
        e.act(Action::Next);
    }
    e.act(Action::Edit(Edit::Type("My attempt".into())));
    e.act(Action::Edit(Edit::Mark {
        index: 3,
        mark: SelfMark::Right,
    }));
    assert!(matches!(
        e.flow.response(3),
        Response::Open { mark: None, .. }
    ));
    e.act(Action::Submit);
    assert_eq!(e.flow.phase(), Phase::Submitted);
    let effects = e.act(Action::Edit(Edit::Mark {
        index: 3,
        mark: SelfMark::Right,
    }));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Record { index: 3, .. }))
    );
    let summary = e.flow.summary(&e.session);
    assert_eq!(summary.max_points(), 3);
    assert_eq!(summary.open()[0].mark, Some(SelfMark::Right));
    assert_eq!(summary.passed(), Some(false));
}

#[test]
fn a_kept_response_of_every_kind_resumes_as_it_was() {
    let b = crate::bank::from_text(KINDS);
    let s = kinds_session(&b, Mode::Exam);
    let responses = [
        Response::Sequence(vec![2, 0, 1]),
        Response::Pairs(vec![Some(1), None]),
        Response::Number("99".into()),
        Response::Open {
            attempt: "An attempt".into(),
            mark: None,
        },
    ];
    for (index, response) in responses.iter().enumerate() {
        let kept = s.session.kept(index, response).expect("kept");
        assert_eq!(s.session.restored(index, &kept).as_ref(), Some(response));
    }
}
