pub mod assess;
pub mod devices;
pub mod models;
pub mod packs;
pub mod record;
