//! The flow driven by actions alone, no front: every rule, in both modes.

use super::*;
use crate::bank::Bank;
use crate::quiz::{Options, Refusal, SelfMark};

const BANK: &str = "questions:
  - id: one
    question: Pick B
    choices: [a, b, c]
    answer: B
  - id: two
    question: Pick A and C
    choices: [a, b, c, d]
    answer: [A, C]
  - id: three
    question: Pick A
    choices: [a, b]
    answer: A
";

fn banks() -> Vec<Bank> {
    crate::bank::from_text(BANK)
}

fn session(banks: &[Bank], mode: Mode) -> Session<'_> {
    let options = Options {
        mode,
        pass_mark: 50.0,
        ..Options::default()
    };
    Session::new(banks, options).expect("a session")
}

fn t(seconds: u64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000 + seconds)
}

/// A flow and its session, with a clock that moves a second per action.
struct Sitting<'a> {
    session: Session<'a>,
    flow: Flow,
    now: SystemTime,
}

impl<'a> Sitting<'a> {
    fn new(banks: &'a [Bank], mode: Mode, limit: Option<Duration>) -> (Self, Vec<Effect>) {
        let session = session(banks, mode);
        let (flow, effects) = Flow::start(&session, limit, Kept::default(), t(0));
        let sitting = Sitting {
            session,
            flow,
            now: t(0),
        };
        (sitting, effects)
    }

    fn act(&mut self, action: Action) -> Vec<Effect> {
        self.now += Duration::from_secs(1);
        self.flow.apply(&self.session, action, self.now)
    }

    fn pick(&mut self, shown: usize) -> Vec<Effect> {
        self.act(Action::Edit(Edit::Pick(shown)))
    }

    /// Each answer recorded: the question, its picks (as the flow holds them
    /// once the action is done, which is when the history reads them) and points.
    fn records(&self, effects: &[Effect]) -> Vec<(usize, Vec<usize>, f64)> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::Record { index, outcome, .. } => Some((
                    *index,
                    self.flow.response(*index).picks().to_vec(),
                    outcome.points,
                )),
                _ => None,
            })
            .collect()
    }
}

fn notice(effects: &[Effect]) -> Option<Notice> {
    effects.iter().find_map(|e| match e {
        Effect::Notice(n) => Some(*n),
        _ => None,
    })
}

#[test]
fn practice_shows_the_first_question_and_enter_with_nothing_picked_answers_nothing() {
    let b = banks();
    let (mut s, started) = Sitting::new(&b, Mode::Practice, None);
    assert_eq!(started, [Effect::Shown { index: 0 }]);
    assert_eq!(s.flow.phase(), Phase::Asking(0));
    let effects = s.act(Action::Answer);
    assert_eq!(
        effects,
        [Effect::Notice(Notice::NothingPicked(
            crate::quiz::Kind::Choice
        ))]
    );
    assert_eq!(s.flow.phase(), Phase::Asking(0));
    s.pick(1);
    let effects = s.act(Action::Answer);
    assert_eq!(s.records(&effects), [(0, vec![1], 1.0)]);
    assert!(effects.contains(&Effect::Verdict { index: 0 }));
    assert_eq!(s.flow.phase(), Phase::Feedback(0));
    // Nothing changes an answered question.
    assert!(s.pick(0).is_empty());
    assert_eq!(s.flow.response(0).picks(), [1]);
    let effects = s.act(Action::Next);
    assert_eq!(effects, [Effect::Shown { index: 1 }]);
    assert_eq!(s.flow.score(&s.session), (1.0, 1));
}

#[test]
fn choose_two_refuses_a_third_pick_and_takes_one_as_incomplete() {
    let b = banks();
    let (mut s, _) = Sitting::new(&b, Mode::Exam, None);
    s.act(Action::Next);
    s.pick(0);
    s.pick(2);
    assert_eq!(
        notice(&s.pick(3)),
        Some(Notice::Refused(Refusal::TooMany { allowed: 2 }))
    );
    assert_eq!(s.flow.response(1).picks(), [0, 2]);
    assert_eq!(
        notice(&s.act(Action::Edit(Edit::Set(Response::Picks(vec![0, 1, 2]))))),
        Some(Notice::Refused(Refusal::TooMany { allowed: 2 }))
    );
    s.pick(2);
    assert_eq!(
        s.flow.status(&s.session, 1),
        Status::Incomplete { done: 1, of: 2 }
    );
    assert_eq!(s.flow.incomplete_count(&s.session), 1);
    assert_eq!(s.flow.status(&s.session, 0), Status::Unanswered);
    // One of two is an answer, strictly scored as wrong.
    let effects = s.act(Action::Next);
    assert_eq!(s.records(&effects), [(1, vec![0], 0.0)]);
}

#[test]
fn a_single_answer_takes_one_letter() {
    let b = banks();
    let (mut s, _) = Sitting::new(&b, Mode::Practice, None);
    let effects = s.act(Action::Edit(Edit::Set(Response::Picks(vec![0, 1]))));
    assert_eq!(notice(&effects), Some(Notice::Refused(Refusal::OneAnswer)));
    let effects = s.pick(7);
    assert_eq!(
        notice(&effects),
        Some(Notice::Refused(Refusal::NotAChoice {
            picked: 7,
            choices: 3
        }))
    );
}

#[test]
fn practice_skips_to_the_end_and_finishes() {
    let b = banks();
    let (mut s, _) = Sitting::new(&b, Mode::Practice, None);
    s.pick(2);
    let skipped = s.act(Action::Skip);
    let (index, given, points) = s.records(&skipped)[0].clone();
    assert_eq!(
        (index, given, points),
        (0, vec![], 0.0),
        "a skip gives nothing"
    );
    s.act(Action::Next);
    s.act(Action::Skip);
    s.act(Action::Next);
    s.pick(0);
    let last = s.act(Action::Answer);
    assert!(last.contains(&Effect::Finished), "{last:?}");
    assert!(s.flow.complete());
    s.act(Action::Next);
    assert_eq!(s.flow.phase(), Phase::Over);
    let summary = s.flow.summary(&s.session);
    assert_eq!(summary.records.len(), 3);
    assert_eq!(summary.points(), 1.0);
    assert!(summary.records[0].skipped);
}

#[test]
fn leaving_practice_early_keeps_what_was_answered() {
    let b = banks();
    let (mut s, _) = Sitting::new(&b, Mode::Practice, None);
    s.pick(1);
    s.act(Action::Answer);
    s.act(Action::Next);
    s.act(Action::Flag(1));
    let effects = s.act(Action::Leave);
    assert!(s.records(&effects).is_empty());
    assert_eq!(s.flow.phase(), Phase::Over);
    assert!(!s.flow.complete());
    let summary = s.flow.summary(&s.session);
    assert_eq!((summary.records.len(), summary.selected), (1, 3));
    // A flagged question is listed though it was never answered.
    assert_eq!(summary.flagged.len(), 1);
    assert_eq!(summary.flagged[0].id, "two");
}

#[test]
fn the_time_on_each_question_is_counted_while_it_is_up() {
    let b = banks();
    let (mut s, _) = Sitting::new(&b, Mode::Exam, None);
    s.pick(1); // t1
    s.act(Action::Next); // t2: question 1 up for 2 s
    s.act(Action::Tick);
    s.act(Action::Tick);
    s.act(Action::Previous); // t5: question 2 up for 3 s
    let effects = s.act(Action::Next); // t6: question 1 up 1 s more, unchanged
    assert!(s.records(&effects).is_empty(), "{effects:?}");
    s.act(Action::Submit);
    let summary = s.flow.summary(&s.session);
    assert_eq!(summary.records[0].time, Duration::from_secs(3));
    assert_eq!(summary.records[1].time, Duration::from_secs(4));
    assert_eq!(summary.time_used, Duration::from_secs(7));
}

#[test]
fn an_exam_records_a_question_when_it_is_left_and_only_if_it_changed() {
    let b = banks();
    let (mut s, _) = Sitting::new(&b, Mode::Exam, None);
    // Enter with nothing picked moves on and leaves the question unanswered.
    let effects = s.act(Action::Answer);
    assert_eq!(effects, [Effect::Shown { index: 1 }]);
    assert_eq!(s.flow.phase(), Phase::Asking(1));
    assert!(!s.flow.answered(0));
    s.act(Action::Previous);
    s.pick(1);
    assert_eq!(
        {
            let effects = s.act(Action::Answer);
            s.records(&effects)
        },
        [(0, vec![1], 1.0)]
    );
    s.act(Action::Previous);
    assert!(
        {
            let effects = s.act(Action::Next);
            s.records(&effects)
        }
        .is_empty()
    );
    // Picking the same one again clears it: the history hears of it.
    s.act(Action::Previous);
    s.pick(1);
    assert_eq!(
        {
            let effects = s.act(Action::Next);
            s.records(&effects)
        },
        [(0, vec![], 0.0)]
    );
    assert_eq!(
        notice(&s.act(Action::GoTo(3))),
        Some(Notice::NoSuchQuestion { questions: 3 })
    );
    s.act(Action::GoTo(0));
    assert_eq!(
        notice(&s.act(Action::Previous)),
        Some(Notice::FirstQuestion)
    );
}

#[test]
fn an_exam_goes_to_the_review_after_the_last_question_and_submits_from_it() {
    let b = banks();
    let (mut s, _) = Sitting::new(&b, Mode::Exam, None);
    s.pick(1);
    s.act(Action::Flag(0));
    assert!(s.flow.flagged(0));
    s.act(Action::Next);
    s.act(Action::Next);
    s.act(Action::Next);
    assert_eq!(s.flow.phase(), Phase::Review);
    s.act(Action::GoTo(2));
    s.pick(0);
    s.act(Action::Review);
    assert_eq!(s.flow.phase(), Phase::Review);
    let effects = s.act(Action::Submit);
    // The unanswered question is recorded as such, and counts against the score.
    assert_eq!(s.records(&effects), [(1, vec![], 0.0)]);
    assert!(effects.ends_with(&[Effect::Submitted, Effect::Finished]));
    assert!(s.flow.complete() && !s.flow.time_up());
    let summary = s.flow.summary(&s.session);
    assert_eq!(summary.records.len(), 3);
    assert_eq!(summary.points(), 2.0);
    assert_eq!(summary.passed(), Some(true));
    assert!(summary.records[0].flagged);
    // Submitted, only leaving does anything.
    assert!(s.pick(1).is_empty());
    s.act(Action::Leave);
    assert_eq!(s.flow.phase(), Phase::Over);
    assert!(s.flow.complete());
}

#[test]
fn at_0_00_an_exam_submits_itself_and_an_answer_after_the_limit_does_not_count() {
    let b = banks();
    let (mut s, _) = Sitting::new(&b, Mode::Exam, Some(Duration::from_secs(3)));
    assert_eq!(s.flow.time_left(s.now), Some(Duration::from_secs(3)));
    s.pick(1); // t1
    assert_eq!(s.act(Action::Tick), [Effect::Progress]); // t2
    // At t3 the limit is reached: the pick that comes then is not taken.
    let effects = s.pick(0);
    assert_eq!(
        s.records(&effects),
        [(0, vec![1], 1.0), (1, vec![], 0.0), (2, vec![], 0.0)]
    );
    assert!(effects.contains(&Effect::TimeUp) && effects.contains(&Effect::Submitted));
    assert!(s.flow.time_up());
    assert_eq!(s.flow.response(0).picks(), [1]);
    assert_eq!(s.flow.summary(&s.session).points(), 1.0);
}

#[test]
fn leaving_an_exam_keeps_it_for_a_resume() {
    let b = banks();
    let (mut s, _) = Sitting::new(&b, Mode::Exam, Some(Duration::from_secs(600)));
    s.pick(1);
    let effects = s.act(Action::Leave);
    assert_eq!(s.records(&effects), [(0, vec![1], 1.0)]);
    assert!(effects.contains(&Effect::Progress));
    assert!(!s.flow.complete());
    assert_eq!(s.flow.time_left(s.now), Some(Duration::from_secs(598)));
}

#[test]
fn resuming_puts_back_the_answers_flags_and_time_left() {
    let b = banks();
    let session = session(&b, Mode::Exam);
    let kept = Kept {
        answers: vec![KeptAnswer {
            index: 0,
            response: Response::Picks(vec![1]),
            time: Duration::from_secs(20),
        }],
        flagged: vec![2],
        seen: vec![2],
        time_left: Some(Duration::from_secs(100)),
    };
    let (flow, effects) = Flow::start(&session, Some(Duration::from_secs(600)), kept, t(50));
    // The first unanswered question, shown for the first time.
    assert_eq!(flow.phase(), Phase::Asking(1));
    assert_eq!(effects, [Effect::Shown { index: 1 }]);
    assert!(flow.answered(0) && flow.flagged(2));
    assert_eq!(flow.time_left(t(60)), Some(Duration::from_secs(90)));
    assert_eq!(flow.time_used(), Duration::from_secs(500));
    // Nothing changed: leaving the answered question records nothing.
    let mut flow = flow;
    flow.apply(&session, Action::GoTo(0), t(61));
    let effects = flow.apply(&session, Action::Next, t(62));
    assert!(!effects.iter().any(|e| matches!(e, Effect::Record { .. })));

    let practice = Session::new(&b, Options::default()).expect("a session");
    let kept = Kept {
        answers: vec![KeptAnswer {
            index: 0,
            response: Response::default(),
            time: Duration::ZERO,
        }],
        ..Kept::default()
    };
    let (flow, _) = Flow::start(&practice, None, kept, t(0));
    assert_eq!(
        flow.phase(),
        Phase::Asking(1),
        "a skipped question was asked"
    );
    assert_eq!(flow.score(&practice), (0.0, 1));
}

#[test]
fn a_flow_held_between_requests_goes_on_where_it_was() {
    let b = banks();
    let (mut s, _) = Sitting::new(&b, Mode::Exam, Some(Duration::from_secs(600)));
    s.pick(1);
    s.act(Action::Next);
    let json = serde_json::to_string(&s.flow).expect("serialised");
    // An hour later, by another process: the exam's clock kept going.
    let mut back: Flow = serde_json::from_str(&json).expect("read back");
    let later = s.now + Duration::from_secs(3600);
    let effects = back.apply(&s.session, Action::Resume(Kept::default()), later);
    assert!(effects.is_empty());
    assert_eq!(back.phase(), Phase::Asking(1));
    assert_eq!(back.time_left(later), Some(Duration::ZERO));
    // Told what is left, it goes on from there.
    let kept = Kept {
        time_left: Some(Duration::from_secs(100)),
        ..Kept::default()
    };
    back.apply(&s.session, Action::Resume(kept), later);
    assert_eq!(back.time_left(later), Some(Duration::from_secs(100)));
    assert_eq!(back.time_used(), Duration::from_secs(500));
}

#[test]
fn the_state_serialises_and_comes_back_the_same() {
    let b = banks();
    let (mut s, _) = Sitting::new(&b, Mode::Exam, Some(Duration::from_secs(60)));
    s.pick(1);
    s.act(Action::Flag(0));
    s.act(Action::Next);
    let json = serde_json::to_string(&s.flow).expect("serialised");
    let back: Flow = serde_json::from_str(&json).expect("read back");
    assert_eq!(back, s.flow);
    let action = Action::Edit(Edit::Pick(2));
    let json = serde_json::to_string(&action).expect("serialised");
    assert_eq!(serde_json::from_str::<Action>(&json).ok(), Some(action));
}

#[test]
fn flags_in_practice_are_kept_too() {
    let b = banks();
    let (mut s, _) = Sitting::new(&b, Mode::Practice, None);
    let effects = s.act(Action::Flag(0));
    assert_eq!(
        effects,
        [
            Effect::Flagged {
                index: 0,
                flagged: true
            },
            Effect::Notice(Notice::Flagged {
                number: 1,
                flagged: true
            }),
            Effect::Progress
        ]
    );
    s.pick(1);
    s.act(Action::Answer);
    // From the verdict too.
    s.act(Action::Flag(0));
    assert!(!s.flow.flagged(0));
}

#[test]
fn practice_enforces_choose_n_too_and_a_question_is_shown_once_per_sitting() {
    let b = banks();
    let (mut s, _) = Sitting::new(&b, Mode::Practice, None);
    s.act(Action::Skip);
    let shown = s.act(Action::Next);
    assert_eq!(shown, [Effect::Shown { index: 1 }]);
    s.pick(0);
    s.pick(2);
    assert_eq!(
        notice(&s.pick(1)),
        Some(Notice::Refused(Refusal::TooMany { allowed: 2 }))
    );
    let effects = s.act(Action::Answer);
    assert_eq!(s.records(&effects), [(1, vec![0, 2], 1.0)]);

    let (mut e, _) = Sitting::new(&b, Mode::Exam, None);
    e.act(Action::Next);
    e.act(Action::Previous);
    let again = e.act(Action::Next);
    assert!(
        !again.iter().any(|x| matches!(x, Effect::Shown { .. })),
        "{again:?}"
    );
}

mod kinds;
