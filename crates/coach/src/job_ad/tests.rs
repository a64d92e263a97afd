//! Job ads written the way companies write them, against the built-in pack: the competencies
//! and technologies found (with the ad's words), and the questions picked, spread over them.

use super::*;
use crate::packs::builtin_packs;

const JAVA_PLATFORM: &str = "Senior Backend Engineer (Java), Payments Platform. You will own \
    our payment services end-to-end, from design to production. We build distributed, \
    low-latency microservices in Java and Kotlin on Kubernetes, with Kafka and PostgreSQL. You \
    will take part in the on-call rotation and lead incident reviews, and debug production \
    issues down to the root cause. We value ownership and clear written communication.";

const PRODUCT_TEAM: &str = "We are looking for a backend developer to join a cross-functional \
    product team. You will collaborate closely with product managers, designers and \
    stakeholders across the business, balance competing priorities, and communicate \
    trade-offs clearly. Experience mentoring junior engineers is a plus. Tech: Node.js, \
    TypeScript, GraphQL.";

const DATA_MINDED: &str = "Backend engineer, growth team. We are data-driven: you will define \
    metrics, run A/B experiments, write SQL against our warehouse and use analytics to \
    influence the roadmap. You are curious and keen to learn new technologies.";

fn picks(ad: &str, n: usize) -> (JobAd, Vec<PickedQuestion>) {
    pick_questions(ad, &builtin_packs(), n)
}

fn ids(picked: &[PickedQuestion]) -> Vec<&str> {
    picked.iter().map(|p| p.question.id.as_str()).collect()
}

#[test]
fn an_ad_is_read_for_its_competencies_and_technologies_with_its_own_words() {
    let ad = read_job_ad(JAVA_PLATFORM);
    let names: Vec<&str> = ad
        .competencies
        .iter()
        .map(|c| c.competency.as_str())
        .collect();
    for wanted in [
        "ownership",
        "calm under pressure",
        "debugging",
        "technical depth",
        "communication",
    ] {
        assert!(names.contains(&wanted), "{wanted} missing from {names:?}");
    }
    let ownership = ad
        .competencies
        .iter()
        .find(|c| c.competency == "ownership")
        .unwrap();
    assert!(ownership.mentions >= 2, "{ownership:?}");
    assert!(
        ownership.evidence.contains(&"end-to-end".to_string()),
        "{ownership:?}"
    );
    for tech in [
        "java",
        "kotlin",
        "kubernetes",
        "kafka",
        "postgresql",
        "microservices",
    ] {
        assert!(
            ad.technologies.iter().any(|t| t == tech),
            "{tech}: {:?}",
            ad.technologies
        );
    }
    assert!(
        !ad.technologies.iter().any(|t| t == "go"),
        "'go' is not in this ad"
    );
    let product = read_job_ad(PRODUCT_TEAM);
    assert!(
        product.technologies.iter().any(|t| t == "node.js"),
        "{:?}",
        product.technologies
    );
    assert_eq!(read_job_ad("").competencies, Vec::new());
    let lead = read_job_ad("Tech lead wanted.");
    assert_eq!(lead.competencies[0].mentions, 1, "{lead:?}");
    assert_eq!(lead.competencies[0].evidence, ["tech lead"]);
}

#[test]
fn the_questions_fit_the_ad_and_say_why() {
    let (_, java) = picks(JAVA_PLATFORM, 6);
    let java_ids = ids(&java);
    eprintln!("java platform: {java_ids:?}");
    assert!(
        java_ids[..3].contains(&"bd-approach-to-java"),
        "{java_ids:?}"
    );
    assert!(
        java_ids.contains(&"bd-production-incident") || java_ids.contains(&"bd-outage-no-runbook"),
        "{java_ids:?}"
    );
    let java_q = java
        .iter()
        .find(|p| p.question.id == "bd-approach-to-java")
        .unwrap();
    assert!(java_q.why.contains("names java"), "{}", java_q.why);
    let (_, only_java) = picks("Java developer wanted.", 1);
    assert_eq!(only_java[0].why, "It names java.");

    let (_, product) = picks(PRODUCT_TEAM, 5);
    let product_ids = ids(&product);
    eprintln!("product team: {product_ids:?}");
    assert_eq!(
        product_ids[0], "bd-conflicting-priorities",
        "{product_ids:?}"
    );
    assert!(
        product_ids.contains(&"bd-mentored-engineer"),
        "{product_ids:?}"
    );
    assert!(
        product_ids.contains(&"bd-led-nodejs-project"),
        "{product_ids:?}"
    );
    assert!(
        product[0].why.starts_with("The ad asks for "),
        "{}",
        product[0].why
    );

    let (_, data) = picks(DATA_MINDED, 3);
    let data_ids = ids(&data);
    eprintln!("data minded: {data_ids:?}");
    assert_eq!(data_ids[0], "bd-data-changed-decision", "{data_ids:?}");
}

#[test]
fn picks_spread_over_the_ads_competencies_and_stop_when_nothing_fits() {
    let (_, product) = picks(PRODUCT_TEAM, 8);
    let communication = product
        .iter()
        .filter(|p| p.competencies.iter().any(|c| c == "communication"))
        .count();
    assert!(communication < product.len(), "not all about communication");
    let (ad, none) = picks("We offer free lunch and a friendly office.", 8);
    assert!(ad.competencies.is_empty());
    assert!(none.len() <= 1, "{:?}", ids(&none));
}
