//! The draw of a mock exam: each domain's share of the questions by the
//! largest-remainder method, then that many of the domain's questions, no
//! question twice, the same for the same seed.
//!
//! A question may carry the tags of two domains; it is drawn for one of them at
//! most. The domains draw in order of their slack (questions they have beyond
//! their share), the tightest first, so that a small domain takes the questions
//! it shares with a large one before the large one, which can spare them, does.
//! Each domain draws uniformly from what is left of its questions. When that
//! greedy pass leaves a domain short (overlaps can be knotted), the draw is
//! settled exactly as a flow from domains through groups of questions that
//! belong to the same domains: it then finds shares for every domain whenever
//! any exist, and when none exist its minimum cut names the domains whose
//! questions are too few between them.
//!
//! Time and memory are linear in the questions and their tags (the flow runs
//! over the groups, of which there are at most as many as questions, and each of
//! its phases is linear; there are at most twice as many phases as domains).

use crate::bank::{Bank, tag_key};
use crate::quiz::{Drawn, Pick, Shuffler};
use std::collections::{BTreeMap, HashMap};

use super::Weight;

/// A domain as the draw sees it.
#[derive(Debug, Clone)]
pub struct DomainSpec {
    pub name: String,
    pub tags: Vec<String>,
    /// How many questions it needs.
    pub quota: usize,
}

/// Domains that cannot have their share: between them they have `has` questions
/// and need `needs`. One domain alone, or several that share their questions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortfall {
    /// Indices into the blueprint's domains, in its order.
    pub domains: Vec<usize>,
    pub has: usize,
    pub needs: usize,
}

/// Splits `total` questions by `weights` with the largest-remainder (Hamilton)
/// method: each domain gets the whole part of its exact share, and the
/// questions left go one each to the largest remainders; ties go to the larger
/// weight, then to the domain written first. The shares add up to `total`.
pub fn quotas(weights: &[Weight], total: usize) -> Vec<usize> {
    let sum: u128 = weights.iter().map(|w| u128::from(w.thousandths())).sum();
    if sum == 0 {
        return vec![0; weights.len()];
    }
    let total_wide = total as u128;
    let mut shares: Vec<usize> = Vec::with_capacity(weights.len());
    let mut remainders: Vec<(u128, u32, usize)> = Vec::with_capacity(weights.len());
    for (i, w) in weights.iter().enumerate() {
        let exact = total_wide * u128::from(w.thousandths());
        shares.push(usize::try_from(exact / sum).unwrap_or(usize::MAX));
        remainders.push((exact % sum, w.thousandths(), i));
    }
    let given: usize = shares.iter().sum();
    // Largest remainder first, then the larger weight, then file order.
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    for &(_, _, i) in remainders.iter().take(total.saturating_sub(given)) {
        shares[i] += 1;
    }
    shares
}

/// Draws each domain's quota from `banks`. `shuffle: false` takes each domain's
/// first free questions in file order, and asks them in file order.
pub fn draw(
    banks: &[Bank],
    domains: &[DomainSpec],
    seed: u64,
    shuffle: bool,
) -> Result<Drawn, Vec<Shortfall>> {
    let questions: Vec<(usize, usize)> = banks
        .iter()
        .enumerate()
        .flat_map(|(b, bank)| (0..bank.questions.len()).map(move |q| (b, q)))
        .collect();
    let tags: Vec<Vec<&str>> = domains
        .iter()
        .map(|d| d.tags.iter().map(String::as_str).collect())
        .collect();
    let members = membership(banks, &tags);
    let mut candidates: Vec<Vec<usize>> = vec![Vec::new(); domains.len()];
    for (q, of) in members.iter().enumerate() {
        for &d in of {
            candidates[d].push(q);
        }
    }
    let alone: Vec<Shortfall> = domains
        .iter()
        .enumerate()
        .filter(|(d, spec)| candidates[*d].len() < spec.quota)
        .map(|(d, spec)| Shortfall {
            domains: vec![d],
            has: candidates[d].len(),
            needs: spec.quota,
        })
        .collect();
    if !alone.is_empty() {
        return Err(alone);
    }
    let mut shuffler = Shuffler::new(seed);
    let mut picks = match greedy(
        domains,
        &candidates,
        questions.len(),
        &mut shuffler,
        shuffle,
    ) {
        Some(picks) => picks,
        None => exact(domains, &members, &mut shuffler, shuffle).map_err(|s| vec![s])?,
    };
    if shuffle {
        shuffler.shuffle(&mut picks);
    } else {
        picks.sort_unstable();
    }
    Ok(Drawn {
        domains: domains.iter().map(|d| d.name.clone()).collect(),
        picks: picks
            .into_iter()
            .map(|(q, domain)| {
                let (bank, question) = questions[q];
                Pick {
                    bank,
                    question,
                    domain,
                }
            })
            .collect(),
    })
}

/// For each question (in bank order), the domains whose tags (`tags[domain]`)
/// it carries, in the blueprint's order. Tags match without regard to case.
pub(super) fn membership(banks: &[Bank], tags: &[Vec<&str>]) -> Vec<Vec<usize>> {
    let mut by_tag: HashMap<String, Vec<usize>> = HashMap::new();
    for (d, list) in tags.iter().enumerate() {
        for tag in list {
            by_tag.entry(tag_key(tag)).or_default().push(d);
        }
    }
    banks
        .iter()
        .flat_map(|b| &b.questions)
        .map(|q| {
            let mut of: Vec<usize> = q
                .tags
                .iter()
                .filter_map(|t| by_tag.get(&tag_key(&t.value)))
                .flatten()
                .copied()
                .collect();
            of.sort_unstable();
            of.dedup();
            of
        })
        .collect()
}

/// The tightest domain first: each draws its quota from its free questions.
/// None when one falls short.
fn greedy(
    domains: &[DomainSpec],
    candidates: &[Vec<usize>],
    questions: usize,
    shuffler: &mut Shuffler,
    shuffle: bool,
) -> Option<Vec<(usize, usize)>> {
    let mut order: Vec<usize> = (0..domains.len()).collect();
    order.sort_by_key(|&d| (candidates[d].len().saturating_sub(domains[d].quota), d));
    let mut taken = vec![false; questions];
    let mut picks = Vec::new();
    for d in order {
        let mut pool = candidates[d].clone();
        if shuffle {
            shuffler.shuffle(&mut pool);
        }
        let mut got = 0;
        for q in pool {
            if got == domains[d].quota {
                break;
            }
            if let Some(slot) = taken.get_mut(q).filter(|t| !**t) {
                *slot = true;
                picks.push((q, d));
                got += 1;
            }
        }
        if got < domains[d].quota {
            return None;
        }
    }
    Some(picks)
}

/// The exact draw: a maximum flow from the domains (each with its quota) to the
/// groups of questions that belong to the same domains (each with its size).
fn exact(
    domains: &[DomainSpec],
    members: &[Vec<usize>],
    shuffler: &mut Shuffler,
    shuffle: bool,
) -> Result<Vec<(usize, usize)>, Shortfall> {
    // Groups in order of their first question, so the draw does not depend on
    // a hash order.
    let mut index: BTreeMap<&[usize], usize> = BTreeMap::new();
    let mut groups: Vec<(&[usize], Vec<usize>)> = Vec::new();
    for (q, of) in members.iter().enumerate() {
        if of.is_empty() {
            continue;
        }
        let g = *index.entry(of.as_slice()).or_insert_with(|| {
            groups.push((of.as_slice(), Vec::new()));
            groups.len() - 1
        });
        groups[g].1.push(q);
    }
    let k = domains.len();
    let (source, sink) = (0, 1 + k + groups.len());
    let mut net = Network::new(sink + 1);
    for (d, spec) in domains.iter().enumerate() {
        net.add(source, 1 + d, spec.quota);
    }
    // (domain, group, edge) for reading the flow back.
    let mut links = Vec::new();
    for (g, (of, questions)) in groups.iter().enumerate() {
        for &d in *of {
            links.push((d, g, net.add(1 + d, 1 + k + g, questions.len())));
        }
        net.add(1 + k + g, sink, questions.len());
    }
    let needs: usize = domains.iter().map(|d| d.quota).sum();
    if net.max_flow(source, sink) < needs {
        // The domains still reachable from the source are short between them:
        // every question they could use is reachable too, and all taken.
        let reach = net.reachable(source);
        let short: Vec<usize> = (0..k).filter(|&d| reach[1 + d]).collect();
        let has = (0..groups.len())
            .filter(|&g| reach[1 + k + g])
            .map(|g| groups[g].1.len())
            .sum();
        let needs = short.iter().map(|&d| domains[d].quota).sum();
        return Err(Shortfall {
            domains: short,
            has,
            needs,
        });
    }
    let mut pools: Vec<std::vec::IntoIter<usize>> = groups
        .into_iter()
        .map(|(_, mut questions)| {
            if shuffle {
                shuffler.shuffle(&mut questions);
            }
            questions.into_iter()
        })
        .collect();
    let mut picks = Vec::with_capacity(needs);
    for (d, g, edge) in links {
        for _ in 0..net.flow(edge) {
            if let Some(q) = pools[g].next() {
                picks.push((q, d));
            }
        }
    }
    Ok(picks)
}

/// A flow network with Dinic's algorithm (iterative, so that no input can
/// exhaust the stack).
struct Network {
    /// Edge ids leaving each node; edge `e ^ 1` is the reverse of `e`.
    out: Vec<Vec<usize>>,
    to: Vec<usize>,
    cap: Vec<usize>,
    original: Vec<usize>,
}

impl Network {
    fn new(nodes: usize) -> Self {
        Network {
            out: vec![Vec::new(); nodes],
            to: Vec::new(),
            cap: Vec::new(),
            original: Vec::new(),
        }
    }

    fn add(&mut self, from: usize, to: usize, cap: usize) -> usize {
        let e = self.to.len();
        self.out[from].push(e);
        self.to.push(to);
        self.cap.push(cap);
        self.original.push(cap);
        self.out[to].push(e + 1);
        self.to.push(from);
        self.cap.push(0);
        self.original.push(0);
        e
    }

    /// The flow through edge `e`.
    fn flow(&self, e: usize) -> usize {
        self.original[e] - self.cap[e]
    }

    /// Breadth-first distances from `s` over edges with capacity left.
    fn levels(&self, s: usize) -> Vec<usize> {
        let mut level = vec![usize::MAX; self.out.len()];
        level[s] = 0;
        let mut queue = std::collections::VecDeque::from([s]);
        while let Some(u) = queue.pop_front() {
            for &e in &self.out[u] {
                let v = self.to[e];
                if self.cap[e] > 0 && level[v] == usize::MAX {
                    level[v] = level[u] + 1;
                    queue.push_back(v);
                }
            }
        }
        level
    }

    fn reachable(&self, s: usize) -> Vec<bool> {
        self.levels(s)
            .into_iter()
            .map(|l| l != usize::MAX)
            .collect()
    }

    fn max_flow(&mut self, s: usize, t: usize) -> usize {
        let mut total = 0;
        loop {
            let level = self.levels(s);
            if level[t] == usize::MAX {
                return total;
            }
            let mut next = vec![0usize; self.out.len()];
            loop {
                let pushed = self.augment(s, t, &level, &mut next);
                if pushed == 0 {
                    break;
                }
                total += pushed;
            }
        }
    }

    /// One augmenting path along the levels, found depth-first with a stack;
    /// `next[u]` skips the edges of `u` already found useless in this phase.
    fn augment(&mut self, s: usize, t: usize, level: &[usize], next: &mut [usize]) -> usize {
        let mut path: Vec<usize> = Vec::new();
        let mut u = s;
        loop {
            if u == t {
                let pushed = path.iter().map(|&e| self.cap[e]).min().unwrap_or(0);
                for &e in &path {
                    self.cap[e] -= pushed;
                    self.cap[e ^ 1] += pushed;
                }
                return pushed;
            }
            let mut advanced = false;
            while let Some(&e) = self.out[u].get(next[u]) {
                let v = self.to[e];
                if self.cap[e] > 0 && level[v] == level[u].wrapping_add(1) {
                    path.push(e);
                    u = v;
                    advanced = true;
                    break;
                }
                next[u] += 1;
            }
            if !advanced {
                // A dead end: step back and skip the edge that led here.
                let Some(e) = path.pop() else {
                    return 0;
                };
                u = self.to[e ^ 1];
                next[u] += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::read_bank;
    use std::collections::HashSet;

    fn w(percents: &[u32]) -> Vec<Weight> {
        percents
            .iter()
            .map(|p| Weight::from_thousandths(p * 1000))
            .collect()
    }

    #[test]
    fn quotas_by_largest_remainder() {
        // CompTIA Security+ SY0-701: 12, 22, 18, 28, 20 % of 90.
        let sec = w(&[12, 22, 18, 28, 20]);
        // Exact shares 10.8, 19.8, 16.2, 25.2, 18: the two .8s get the seats.
        assert_eq!(quotas(&sec, 90), [11, 20, 16, 25, 18]);
        assert_eq!(quotas(&sec, 40), [5, 9, 7, 11, 8]);
        assert_eq!(quotas(&sec, 10), [1, 2, 2, 3, 2]);
        assert_eq!(quotas(&sec, 1), [0, 0, 0, 1, 0]);
        assert_eq!(quotas(&sec, 0), [0, 0, 0, 0, 0]);
        // 1.5, 0.75, 0.75: the two larger remainders get the seats.
        assert_eq!(quotas(&w(&[50, 25, 25]), 3), [1, 1, 1]);
        // Equal remainders: the larger weight, then the one written first.
        assert_eq!(quotas(&w(&[30, 20, 50]), 5), [1, 1, 3]);
        assert_eq!(quotas(&w(&[25, 25, 50]), 2), [1, 0, 1]);
        let thirds: Vec<Weight> = [33_333, 33_333, 33_334]
            .into_iter()
            .map(Weight::from_thousandths)
            .collect();
        assert_eq!(quotas(&thirds, 10), [3, 3, 4]);
        assert_eq!(quotas(&thirds, 30), [10, 10, 10]);
        for total in 0..200 {
            assert_eq!(quotas(&sec, total).iter().sum::<usize>(), total);
            assert_eq!(quotas(&thirds, total).iter().sum::<usize>(), total);
        }
    }

    /// One bank: `spec` is (id prefix, how many, tags).
    fn bank(spec: &[(&str, usize, &str)]) -> Vec<Bank> {
        let mut text = String::from("questions:\n");
        for (prefix, n, tags) in spec {
            for i in 0..*n {
                text.push_str(&format!(
                    "  - id: {prefix}{i}\n    question: Q\n    choices: [x, y]\n    answer: A\n    tags: [{tags}]\n"
                ));
            }
        }
        read_bank("t.yaml", text.as_bytes(), &mut Vec::new())
            .into_iter()
            .collect()
    }

    fn domain(name: &str, tags: &[&str], quota: usize) -> DomainSpec {
        DomainSpec {
            name: name.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            quota,
        }
    }

    fn ids(banks: &[Bank], drawn: &Drawn) -> Vec<String> {
        drawn
            .picks
            .iter()
            .map(|p| banks[p.bank].questions[p.question].id.value.clone())
            .collect()
    }

    /// Every domain got exactly its quota, from its own questions, none twice.
    fn assert_exact(banks: &[Bank], domains: &[DomainSpec], drawn: &Drawn) {
        let mut per_domain = vec![0; domains.len()];
        let mut seen = HashSet::new();
        for p in &drawn.picks {
            let q = &banks[p.bank].questions[p.question];
            assert!(seen.insert(&q.id.value), "{} drawn twice", q.id.value);
            assert!(
                q.tags
                    .iter()
                    .any(|t| domains[p.domain].tags.contains(&t.value)),
                "{} is not in {}",
                q.id.value,
                domains[p.domain].name
            );
            per_domain[p.domain] += 1;
        }
        let wanted: Vec<usize> = domains.iter().map(|d| d.quota).collect();
        assert_eq!(per_domain, wanted);
    }

    #[test]
    fn each_domain_gets_its_share_and_no_question_twice() {
        let banks = bank(&[
            ("a", 30, "a"),
            ("ab", 6, "a, b"),
            ("b", 4, "b"),
            ("c", 20, "c"),
        ]);
        for (qa, qb, qc) in [
            (10, 10, 5),
            (20, 8, 12),
            (26, 10, 20),
            (1, 1, 1),
            (36, 4, 0),
        ] {
            let domains = [
                domain("A", &["a"], qa),
                domain("B", &["b"], qb),
                domain("C", &["c"], qc),
            ];
            for seed in 0..30 {
                for shuffle in [true, false] {
                    let drawn = draw(&banks, &domains, seed, shuffle).expect("a draw");
                    assert_exact(&banks, &domains, &drawn);
                }
            }
        }
    }

    #[test]
    fn a_shared_question_does_not_starve_the_smaller_domain() {
        // B has only the questions it shares with A, and needs all of them.
        let banks = bank(&[("ab", 5, "a, b"), ("a", 20, "a")]);
        let domains = [domain("A", &["a"], 10), domain("B", &["b"], 5)];
        for seed in 0..50 {
            let drawn = draw(&banks, &domains, seed, true).expect("a draw");
            assert_exact(&banks, &domains, &drawn);
        }
    }

    #[test]
    fn a_knotted_overlap_is_settled_exactly() {
        // A (slack 1) draws before B (slack 1) and may take both x and y, which B
        // needs; the exact draw finds A z and one of x, y.
        let banks = bank(&[("x", 1, "a, b"), ("y", 1, "a, b"), ("z", 1, "a")]);
        let domains = [domain("A", &["a"], 2), domain("B", &["b"], 1)];
        for seed in 0..40 {
            for shuffle in [true, false] {
                let drawn = draw(&banks, &domains, seed, shuffle).expect("a draw");
                assert_exact(&banks, &domains, &drawn);
            }
        }
    }

    #[test]
    fn the_same_seed_draws_the_same_exam() {
        let banks = bank(&[("a", 30, "a"), ("ab", 6, "a, b"), ("b", 10, "b")]);
        let domains = [domain("A", &["a"], 12), domain("B", &["b"], 8)];
        let first = draw(&banks, &domains, 4711, true).expect("a draw");
        assert_eq!(draw(&banks, &domains, 4711, true), Ok(first.clone()));
        let other = draw(&banks, &domains, 4712, true).expect("a draw");
        assert_ne!(ids(&banks, &first), ids(&banks, &other));
        // Pinned, so that a seed replays the same exam in every version.
        assert_eq!(
            ids(&banks, &draw(&banks, &domains, 7, true).expect("a draw"))[..6],
            ["b0", "ab1", "a29", "a14", "a17", "a26"]
        );
    }

    #[test]
    fn without_shuffling_the_first_questions_in_file_order() {
        let banks = bank(&[("a", 5, "a"), ("b", 5, "b")]);
        let domains = [domain("A", &["a"], 2), domain("B", &["b"], 3)];
        let drawn = draw(&banks, &domains, 1, false).expect("a draw");
        assert_eq!(ids(&banks, &drawn), ["a0", "a1", "b0", "b1", "b2"]);
    }

    #[test]
    fn a_domain_short_of_questions_is_named_with_what_it_has() {
        let banks = bank(&[("a", 5, "a"), ("b", 2, "b")]);
        let domains = [
            domain("A", &["a"], 3),
            domain("B", &["b"], 4),
            domain("C", &["c"], 1),
        ];
        assert_eq!(
            draw(&banks, &domains, 1, true),
            Err(vec![
                Shortfall {
                    domains: vec![1],
                    has: 2,
                    needs: 4
                },
                Shortfall {
                    domains: vec![2],
                    has: 0,
                    needs: 1
                },
            ])
        );
    }

    #[test]
    fn domains_short_between_them_are_named_together() {
        // Each has enough alone, but they share the same 6 questions and need 8.
        let banks = bank(&[("ab", 6, "a, b"), ("c", 9, "c")]);
        let domains = [
            domain("A", &["a"], 4),
            domain("B", &["b"], 4),
            domain("C", &["c"], 3),
        ];
        assert_eq!(
            draw(&banks, &domains, 1, true),
            Err(vec![Shortfall {
                domains: vec![0, 1],
                has: 6,
                needs: 8
            }])
        );
    }
}
