//! Work over many files on several threads, handed back in file order.
//!
//! [`for_each_ordered`] runs a piece of work on each item on up to [`threads`]
//! threads, each taking the next item in order, and gives every result to a fold on
//! the calling thread in item order: what the fold sees, and so what a command
//! prints, is the same whatever the number of threads. Each worker holds one item's
//! work at a time, so what is in flight is bounded by the number of threads.

use std::collections::BTreeMap;
use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

/// Threads to use; 0 means one per core.
static THREADS: AtomicUsize = AtomicUsize::new(0);

/// Sets the number of threads for the rest of the process (`$QUIZ_THREADS`).
pub fn set_threads(n: NonZeroUsize) {
    THREADS.store(n.get(), Ordering::Relaxed);
}

/// The number of threads to use: as set, else one per core.
pub fn threads() -> usize {
    match THREADS.load(Ordering::Relaxed) {
        0 => std::thread::available_parallelism().map_or(1, NonZeroUsize::get),
        n => n,
    }
}

/// Whether the fold wants more results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    More,
    /// Stop: no item after this one is handed to the fold, and workers start no more.
    Stop,
}

/// Runs `work` on each of `items` on up to `threads` threads and hands the results
/// to `fold` in item order, on the calling thread. With one thread (or one item)
/// no thread is started.
pub fn for_each_ordered<'a, T, R>(
    items: &'a [T],
    threads: usize,
    work: impl Fn(&'a T) -> R + Sync,
    mut fold: impl FnMut(R) -> Next,
) where
    T: Sync,
    R: Send,
{
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        for item in items {
            if fold(work(item)) == Next::Stop {
                return;
            }
        }
        return;
    }
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let (send, receive) = mpsc::channel::<(usize, R)>();
        for _ in 0..threads {
            let send = send.clone();
            let (next, stop, work) = (&next, &stop, &work);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    if send.send((i, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        // Results that came before their turn wait here; each worker takes the
        // next item, so few ever wait.
        let mut early: BTreeMap<usize, R> = BTreeMap::new();
        let mut turn = 0;
        for (i, result) in receive {
            early.insert(i, result);
            while let Some(result) = early.remove(&turn) {
                turn += 1;
                if fold(result) == Next::Stop {
                    stop.store(true, Ordering::Relaxed);
                    return;
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_item_order_whatever_the_threads() {
        let items: Vec<u64> = (0..500).collect();
        for threads in [1, 2, 3, 8] {
            let mut seen = Vec::new();
            // Uneven work, so that later items often finish first.
            for_each_ordered(
                &items,
                threads,
                |&i| {
                    if i % 7 == 0 {
                        std::thread::sleep(std::time::Duration::from_micros(300));
                    }
                    i * 2
                },
                |r| {
                    seen.push(r);
                    Next::More
                },
            );
            let expected: Vec<u64> = items.iter().map(|i| i * 2).collect();
            assert_eq!(seen, expected, "{threads} threads");
        }
    }

    #[test]
    fn stop_hands_over_nothing_after_it() {
        let items: Vec<usize> = (0..1000).collect();
        for threads in [1, 2] {
            let mut seen = Vec::new();
            for_each_ordered(
                &items,
                threads,
                |&i| i,
                |r| {
                    seen.push(r);
                    if r == 10 { Next::Stop } else { Next::More }
                },
            );
            assert_eq!(seen, (0..=10).collect::<Vec<_>>(), "{threads} threads");
        }
    }

    #[test]
    fn no_items_is_fine() {
        let mut called = false;
        for_each_ordered(
            &[] as &[u8],
            4,
            |_| 0,
            |_| {
                called = true;
                Next::More
            },
        );
        assert!(!called);
    }
}
