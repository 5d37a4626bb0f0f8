//! Sans-IO model of the Totvs Live connector (a WCF SOAP 1.1 service) and of the
//! Digibee "Totvs Live" capsule JSON contract.
//!
//! The crate is filled by the live-core issue; until then it only exposes its version.

/// The crate version, as published.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
