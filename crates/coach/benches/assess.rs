//! Assessing a 300-word answer must take under 2 ms (issue: STAR assessment).

use coach::star::units::untimed_words;
use coach::{assess_answer, Norms, Transcript};
use criterion::{criterion_group, criterion_main, Criterion};

const ANSWER: &str = "In my last role our checkout service was timing out during peak traffic every Friday evening. \
    I was asked to cut the p99 latency before the holiday sale, which was six weeks away. \
    I profiled the service with our tracing tools and found a query that ran once for every item in the basket. \
    I rewrote it as a single batched query and added a cache in front of the pricing database. \
    I also moved the slow nightly report to a read replica so it stopped competing with customers. \
    Then I load tested the change with twice the expected holiday traffic and fixed two connection pool limits. \
    I wrote a short runbook and walked the on call engineers through it. \
    As a result p99 latency dropped by forty percent, from nine hundred to five hundred and forty milliseconds. \
    We had no outages during the sale and revenue was up twelve percent on the year before. \
    I learned to measure before I optimise and to test with realistic data. \
    Since then I always add tracing to a service before I change anything in it. \
    The team adopted the batching pattern in three other services over the next quarter. \
    Looking back I would have involved the database team earlier, because their advice on indexes saved us a week. \
    In the end the work took five weeks and we finished one week before the deadline.";

fn bench(c: &mut Criterion) {
    let words = untimed_words(&ANSWER.repeat(2));
    let words: Vec<_> = words.into_iter().take(300).collect();
    assert_eq!(words.len(), 300);
    let transcript = Transcript::from_words(words);
    let norms = Norms::default();
    c.bench_function("assess 300-word answer", |b| {
        b.iter(|| {
            assess_answer(
                std::hint::black_box(&transcript),
                None,
                Vec::new(),
                &norms,
                coach::Rubric::Story,
            )
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
