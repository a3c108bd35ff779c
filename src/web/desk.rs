//! The browsers the server knows: each a [`Visitor`] under a random key (its
//! cookie), with the CSRF token its forms carry, its sitting if it has one,
//! and a line of news for its next page. A visitor is made on a first visit;
//! when there are [`MAX_VISITORS`], the one longest unused without a sitting
//! under way makes room.

use super::Sitting;
use super::token::random_token;
use crate::flow::{Action, Effect};
use crate::present;
use crate::screen::keymap;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Instant, SystemTime};

/// How many browsers the server keeps at once.
pub const MAX_VISITORS: usize = 1000;

pub struct Visitor {
    /// Every form and script request of this browser carries it.
    pub csrf: String,
    pub sitting: Option<Sitting>,
    /// For the next page: a notice, or why a start was refused.
    pub news: Vec<String>,
    /// The last question up, for the review's way back to it.
    pub last: usize,
    used: Instant,
}

impl Visitor {
    /// A sitting not yet over: an exam not submitted, practice not ended.
    pub fn busy(&self) -> bool {
        self.sitting.as_ref().is_some_and(|s| {
            !matches!(
                s.flow.phase(),
                crate::flow::Phase::Over | crate::flow::Phase::Submitted
            )
        })
    }
}

/// Locks a mutex, whatever a panic elsewhere left in it: each visitor's state
/// is whole after every action, as the flow's actions are.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[derive(Default)]
pub struct Desk {
    visitors: Mutex<HashMap<String, Arc<Mutex<Visitor>>>>,
}

impl Desk {
    /// The visitor whose key this is.
    pub fn find(&self, key: &str) -> Option<Arc<Mutex<Visitor>>> {
        let found = lock(&self.visitors).get(key).cloned();
        if let Some(visitor) = &found {
            lock(visitor).used = Instant::now();
        }
        found
    }

    /// A new visitor and its key; None when every place is taken by a
    /// sitting under way.
    pub fn admit(&self) -> Option<(String, Arc<Mutex<Visitor>>)> {
        let mut visitors = lock(&self.visitors);
        if visitors.len() >= MAX_VISITORS {
            let idle = visitors
                .iter()
                .filter_map(|(key, v)| {
                    let v = v.try_lock().ok()?;
                    (!v.busy()).then(|| (v.used, key.clone()))
                })
                .min()
                .map(|(_, key)| key);
            let key = idle?;
            if let Some(gone) = visitors.remove(&key) {
                leave(&mut lock(&gone), SystemTime::now());
            }
        }
        let key = random_token();
        let visitor = Arc::new(Mutex::new(Visitor {
            csrf: random_token(),
            sitting: None,
            news: Vec::new(),
            last: 0,
            used: Instant::now(),
        }));
        visitors.insert(key.clone(), Arc::clone(&visitor));
        Some((key, visitor))
    }

    pub fn all(&self) -> Vec<Arc<Mutex<Visitor>>> {
        lock(&self.visitors).values().cloned().collect()
    }
}

/// Applies `action` to the visitor's sitting at `now`, hands its effects to the
/// recorder, and keeps its notices as news, in the full screen's words.
pub fn act(visitor: &mut Visitor, action: Action, now: SystemTime) {
    let Some(sitting) = visitor.sitting.as_mut() else {
        return;
    };
    let effects = sitting.flow.apply(&sitting.session, action, now);
    for effect in &effects {
        sitting
            .recorder
            .keep(&sitting.session, &sitting.flow, effect, now);
        if let Effect::Notice(notice) = effect {
            visitor.news.push(present::notice(notice, keymap::WORDING));
        }
    }
    // Over, the session is let go: a practice quiz left early can be resumed
    // at once, here or by `quiz run --resume`.
    if sitting.flow.phase() == crate::flow::Phase::Over {
        sitting.recorder = Box::new(crate::flow::NoRecorder);
    }
}

/// Ends the visitor's sitting where it is: an exam's last answer and time left
/// kept, to resume.
pub fn leave(visitor: &mut Visitor, now: SystemTime) {
    if visitor.busy() {
        act(visitor, Action::Leave, now);
    }
    visitor.sitting = None;
}
