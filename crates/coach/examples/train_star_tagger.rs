//! Trains the learned STAR tagger on the tuning part of the labelled answers
//! (`tests/fixtures/star`, every answer whose number does not divide by 3) and writes its
//! weights to `crates/coach/src/star/tagger_weights.tsv`, the file the tagger ships with.
//!
//! `cargo run -p coach --example train_star_tagger`            train and write the weights
//! `cargo run -p coach --example train_star_tagger -- --folds`  compare the lexicon and learned
//!     taggers by 4-fold cross-validation within the tuning answers (the held-out third is
//!     never looked at here; `cargo test -p coach --test star_evaluation` reports it)
//! `-- --by-role`  the same, but each fold is one role, trained on the others
//! `--epochs N`, `--min-count N` try other training settings than the defaults.

use coach::star::evaluation::Evaluation;
use coach::star::labelled::{parse_labelled, LabelledAnswer};
use coach::star::learned::{tag_units_learned, train, Training};
use coach::star::tagger::tag_units_by_lexicon;
use std::path::Path;

fn load(dir: &Path) -> Vec<LabelledAnswer> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy();
            parse_labelled(&name, &std::fs::read_to_string(p).unwrap())
                .unwrap_or_else(|e| panic!("{e}"))
        })
        .collect()
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let all = load(&root.join("../../tests/fixtures/star"));
    let tuning: Vec<&LabelledAnswer> = all.iter().filter(|a| !a.held_out()).collect();
    let args: Vec<String> = std::env::args().collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .map(|v| {
                v.parse::<usize>()
                    .unwrap_or_else(|_| panic!("{name} wants a number, not {v}"))
            })
    };
    let defaults = Training::default();
    let how = Training {
        epochs: flag("--epochs").unwrap_or(defaults.epochs),
        min_count: flag("--min-count").unwrap_or(defaults.min_count),
    };
    if args.iter().any(|a| a == "--folds" || a == "--by-role") {
        // Folds by role train on the other roles only: how the tagger does on a kind of work
        // it has never seen.
        let mut roles: Vec<&str> = tuning.iter().map(|a| a.role.as_str()).collect();
        roles.sort();
        roles.dedup();
        let by_role = args.iter().any(|a| a == "--by-role");
        let folds = if by_role { roles.len() } else { 4 };
        let fold_of = |i: usize, a: &LabelledAnswer| {
            if by_role {
                roles.iter().position(|r| *r == a.role).unwrap()
            } else {
                i % folds
            }
        };
        let (mut lexicon, mut learned) = (Vec::new(), Vec::new());
        for k in 0..folds {
            let test: Vec<&LabelledAnswer> = tuning
                .iter()
                .enumerate()
                .filter(|(i, a)| fold_of(*i, a) == k)
                .map(|(_, a)| *a)
                .collect();
            let train_on: Vec<Vec<_>> = tuning
                .iter()
                .enumerate()
                .filter(|(i, a)| fold_of(*i, a) != k)
                .map(|(_, a)| a.units.clone())
                .collect();
            let w = train(&train_on, how);
            lexicon.push(Evaluation::of(&test, |a| {
                tag_units_by_lexicon(&a.texts())
                    .iter()
                    .map(|t| t.part)
                    .collect()
            }));
            learned.push(Evaluation::of(&test, |a| {
                tag_units_learned(&w, &a.texts())
                    .iter()
                    .map(|t| t.part)
                    .collect()
            }));
        }
        let merge = |es: Vec<Evaluation>| {
            es.into_iter().fold(Evaluation::default(), |mut m, e| {
                m.answers += e.answers;
                for i in 0..5 {
                    for j in 0..5 {
                        m.confusion[i][j] += e.confusion[i][j];
                    }
                }
                m
            })
        };
        let (lx, ln) = (merge(lexicon), merge(learned));
        let kind = if by_role {
            "leave-one-role-out"
        } else {
            "4-fold"
        };
        println!(
            "{kind} cross-validation on the {} tuning answers",
            tuning.len()
        );
        println!(
            "lexicon: accuracy {:.3}, Task recall {:.3}",
            lx.accuracy(),
            lx.recall(coach::star::Part::Task)
        );
        println!(
            "learned: accuracy {:.3}, Task recall {:.3}",
            ln.accuracy(),
            ln.recall(coach::star::Part::Task)
        );
        return;
    }
    let units: Vec<Vec<_>> = tuning.iter().map(|a| a.units.clone()).collect();
    let weights = train(&units, how);
    let out = root.join("src/star/tagger_weights.tsv");
    std::fs::write(&out, weights.to_text()).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    println!(
        "trained on {} answers; wrote {} ({} weights)",
        tuning.len(),
        out.display(),
        weights.to_text().lines().count() - 2
    );
}
