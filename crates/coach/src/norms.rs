//! The thresholds the assessment uses, read from `norms.toml` (each number there has its
//! source). Defaults are compiled in; a user's file may override any of them.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeechNorms {
    pub pause_min_seconds: f64,
    pub merge_gap_seconds: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LengthNorms {
    pub sweet_spot_min_seconds: f64,
    pub sweet_spot_max_seconds: f64,
    pub flag_below_seconds: f64,
    pub flag_above_seconds: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaceNorms {
    pub good_min_wpm: f64,
    pub good_max_wpm: f64,
    pub slow_below_wpm: f64,
    pub fast_above_wpm: f64,
    pub window_seconds: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FillerNorms {
    pub quiet_per_100_words: f64,
    pub flag_per_100_words: f64,
    pub unworded_speech_min_seconds: f64,
    pub cluster_count: usize,
    pub cluster_seconds: f64,
}

/// How a held, steady voiced sound (a filled pause, a drawn-out word) is told from speech.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilledPauseNorms {
    pub min_voicing: f64,
    pub max_flux_db: f64,
    pub max_pitch_step_semitones: f64,
    pub max_below_speech_db: f64,
    pub max_gap_frames: usize,
    pub max_glide_frames: usize,
    pub min_seconds: f64,
    pub long_seconds: f64,
    pub min_steady_share: f64,
    pub max_mean_flux_db: f64,
    pub min_alone_share: f64,
    pub max_pause_distance_seconds: f64,
    pub pause_below_speech_db: f64,
    pub max_above_typical_pitch_semitones: f64,
    /// Absent from norms files written before it: the built-in value is used.
    #[serde(default = "default_min_opening_db")]
    pub min_opening_db: f64,
}

fn default_min_opening_db() -> f64 {
    Norms::default().filled_pauses.min_opening_db
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PauseNorms {
    pub mid_sentence_flag_seconds: f64,
    pub any_flag_seconds: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QualityNorms {
    pub clipped_share: f64,
    pub quiet_speech_dbfs: f64,
    /// Fewer words than this per second of speech means the words could not be made out.
    #[serde(default = "default_min_words_per_speaking_second")]
    pub min_words_per_speaking_second: f64,
}

fn default_min_words_per_speaking_second() -> f64 {
    0.5
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StarNorms {
    pub situation_share: f64,
    pub task_share: f64,
    pub action_share: f64,
    pub result_share: f64,
    pub result_share_max: f64,
    pub situation_flag_share: f64,
    pub action_flag_share: f64,
    pub ownership_i_share: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LiveNorms {
    pub part_slack_seconds: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Norms {
    pub speech: SpeechNorms,
    pub length: LengthNorms,
    pub pace: PaceNorms,
    pub fillers: FillerNorms,
    pub filled_pauses: FilledPauseNorms,
    pub pauses: PauseNorms,
    pub quality: QualityNorms,
    pub star: StarNorms,
    /// Absent from norms files written before it: the built-in values are used.
    #[serde(default = "default_live")]
    pub live: LiveNorms,
}

fn default_live() -> LiveNorms {
    Norms::default().live
}

pub const DEFAULT_NORMS_TOML: &str = include_str!("../norms.toml");

impl Norms {
    /// Parses a norms file; the error names the line and column.
    pub fn parse(text: &str) -> Result<Norms, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }
}

impl Default for Norms {
    fn default() -> Self {
        Norms::parse(DEFAULT_NORMS_TOML)
            .unwrap_or_else(|e| panic!("built-in norms.toml is invalid: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_norms_parse_and_hold_the_documented_values() {
        let n = Norms::default();
        assert_eq!(
            (n.speech.pause_min_seconds, n.speech.merge_gap_seconds),
            (0.25, 1.0)
        );
        assert_eq!(
            (
                n.length.sweet_spot_min_seconds,
                n.length.sweet_spot_max_seconds
            ),
            (60.0, 90.0)
        );
        assert_eq!(
            (
                n.pauses.mid_sentence_flag_seconds,
                n.pauses.any_flag_seconds
            ),
            (1.2, 3.0)
        );
    }

    #[test]
    fn a_bad_file_says_where() {
        let err = Norms::parse("[speech]\npause_min_seconds = \"long\"\n").unwrap_err();
        assert!(err.contains("line 2"), "{err}");
    }
}
