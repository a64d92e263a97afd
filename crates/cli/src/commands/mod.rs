pub mod assess;
pub mod models;
pub mod packs;
