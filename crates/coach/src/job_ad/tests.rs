//! Job ads written the way companies write them, against the built-in packs: the role, the competencies
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
    let (ad, _, picked) = pick_for_role(ad, &builtin_packs(), n);
    (ad, picked)
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

const FRONTEND: &str = "Frontend Engineer (React). Build accessible, fast interfaces for our \
    checkout. You will work with backend engineers and our product manager, care about Core Web \
    Vitals and performance, and help us grow our design system.";

const SRE_AD: &str = "Site Reliability Engineer. Keep our platform available: on-call, incident \
    response, postmortems, capacity planning and monitoring. Kubernetes and Terraform.";

const MANAGER: &str = "Engineering Manager, Payments. Lead a team of eight backend engineers, \
    hire and grow people, run one-to-ones and own delivery with our product managers.";

#[test]
fn an_ad_is_matched_with_the_packs_of_its_role_and_the_general_one() {
    let packs = builtin_packs();
    let role = |ad: &str| packs_for_role(ad, &packs);
    let backend = role(PRODUCT_TEAM);
    assert_eq!(
        backend.pack_ids,
        ["backend-developer", "general-behavioural"]
    );
    assert_eq!(backend.evidence, ["backend", "node.js"]);
    // A technology in the title says the role as well; one in the body counts for less.
    assert_eq!(
        role("Tech lead, Node.js. Lead a team and work with our React front end.").pack_ids,
        ["backend-developer", "general-behavioural"]
    );
    assert_eq!(
        role(JAVA_PLATFORM).pack_ids,
        ["backend-developer", "general-behavioural"]
    );
    // The title names the role; other roles named in the body (backend engineers, product
    // managers) are the people the job works with.
    let frontend = role(FRONTEND);
    assert_eq!(
        frontend.pack_ids,
        ["frontend-developer", "general-behavioural"]
    );
    assert_eq!(
        role(SRE_AD).pack_ids,
        ["site-reliability-engineer", "general-behavioural"]
    );
    assert_eq!(
        role(MANAGER).pack_ids,
        ["engineering-manager", "general-behavioural"]
    );
    // No role named: every pack.
    let any = role("We want someone curious who communicates well.");
    assert_eq!(any.pack_ids.len(), packs.len());
    assert!(any.evidence.is_empty());

    let (_, _, picked) = pick_for_role(FRONTEND, &packs, 6);
    let picked_ids = ids(&picked);
    eprintln!("frontend: {picked_ids:?}");
    assert!(picked_ids.contains(&"fe-web-vitals"), "{picked_ids:?}");
    assert!(picked_ids.contains(&"fe-design-system"), "{picked_ids:?}");
    assert!(
        picked
            .iter()
            .all(|p| p.pack_id == "frontend-developer" || p.pack_id == "general-behavioural"),
        "{picked_ids:?}"
    );
    let (_, _, picked) = pick_for_role(MANAGER, &packs, 5);
    let picked_ids = ids(&picked);
    eprintln!("manager: {picked_ids:?}");
    assert!(
        picked_ids.iter().filter(|id| id.starts_with("em-")).count() >= 3,
        "{picked_ids:?}"
    );
}
