pub mod assess;
pub mod models;
