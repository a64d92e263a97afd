pub mod assess;
pub mod bench;
pub mod devices;
pub mod models;
pub mod packs;
pub mod practice;
pub mod record;
pub mod say;
