//! The event catalogue: eSocial and EFD-Reinf codes, their XML elements and TAF tables
//! (`esocial-domain.md` §1).

use serde::{Deserialize, Serialize};

/// Which government system an event belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Family {
    /// eSocial (`S-xxxx`, root `<eSocial>`, attribute `Id`).
    ESocial,
    /// EFD-Reinf (`R-xxxx`, root `<Reinf>`, attribute `id`).
    Reinf,
}

/// TAF's classification of an event (TAFROTINAS).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EventKind {
    /// "C": table or initial events.
    Table,
    /// "M": periodic events.
    Periodic,
    /// "E": non-periodic events.
    NonPeriodic,
    /// "T": totalisers the government returns; never posted by an employer.
    Totaliser,
}

/// One catalogue entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventSpec {
    /// The code TAF knows the event by (`S-1010`, `R-1000`); what `registryType` carries.
    pub code: &'static str,
    /// Event element names, newest layout first (older 2.x names follow).
    pub elements: &'static [&'static str],
    /// The namespace segment, where it differs from the element name (Reinf).
    pub namespace_segment: Option<&'static str>,
    /// TAF's classification; `None` for events TAF's routine table does not list (the 804
    /// check refuses their codes).
    pub kind: Option<EventKind>,
    /// The TAF table that stores the event (`TAFXERP.TAFALIAS`), where TAF has one.
    pub alias: Option<&'static str>,
}

impl EventSpec {
    /// The system the event belongs to.
    pub fn family(&self) -> Family {
        if self.code.starts_with("R-") {
            Family::Reinf
        } else {
            Family::ESocial
        }
    }

    /// Whether TAF counts the event as SST/SESMT (`SSTEvt()`: S-2210, S-2220, S-2221, S-2240).
    pub fn is_sesmt(&self) -> bool {
        SESMT.contains(&self.code)
    }

    /// The element TAF expects under the root for this code (the newest name).
    pub fn element(&self) -> &'static str {
        self.elements.first().copied().unwrap_or_default()
    }
}

/// TAF's SST/SESMT events, the only ones a layout-2.5 TAF accepted in S-1.0 (the 814 rule).
pub const SESMT: [&str; 4] = ["S-2210", "S-2220", "S-2221", "S-2240"];

use EventKind::{NonPeriodic as E, Periodic as M, Table as C, Totaliser as T};

const fn es(
    code: &'static str,
    elements: &'static [&'static str],
    kind: EventKind,
    alias: &'static str,
) -> EventSpec {
    EventSpec {
        code,
        elements,
        namespace_segment: None,
        kind: Some(kind),
        alias: Some(alias),
    }
}

const fn unlisted(code: &'static str, elements: &'static [&'static str]) -> EventSpec {
    EventSpec {
        code,
        elements,
        namespace_segment: None,
        kind: None,
        alias: None,
    }
}

const fn reinf(
    code: &'static str,
    element: &'static [&'static str],
    segment: &'static str,
    kind: EventKind,
) -> EventSpec {
    EventSpec {
        code,
        elements: element,
        namespace_segment: Some(segment),
        kind: Some(kind),
        alias: None,
    }
}

/// Every known event: those TAF's routine table lists (the 804 check accepts their codes), and a
/// few it does not (old or court-sent events), so the sniffer still names them.
pub const EVENTS: &[EventSpec] = &[
    es("S-1000", &["evtInfoEmpregador"], C, "C1E"),
    es("S-1005", &["evtTabEstab"], C, "C92"),
    es("S-1010", &["evtTabRubrica"], C, "C8R"),
    es("S-1020", &["evtTabLotacao"], C, "C99"),
    es("S-1030", &["evtTabCargo"], C, "C8V"),
    es("S-1035", &["evtTabCarreira"], C, "T5K"),
    es("S-1040", &["evtTabFuncao"], C, "C8X"),
    es("S-1050", &["evtTabHorTur"], C, "C90"),
    es("S-1060", &["evtTabAmbiente", "evtTabAmbTrabalho"], C, "T04"),
    es("S-1070", &["evtTabProcesso"], C, "C1G"),
    es("S-1080", &["evtTabOperPort"], C, "C8W"),
    es("S-1200", &["evtRemun"], M, "C91"),
    es("S-1202", &["evtRmnRPPS", "evtRemunRPPS"], M, "C91"),
    es("S-1207", &["evtBenPrRP"], M, "T62"),
    es("S-1210", &["evtPgtos"], M, "T3P"),
    es("S-1250", &["evtAqProd", "evtAquisProd"], M, "CMR"),
    es("S-1260", &["evtComProd"], M, "T1M"),
    es("S-1270", &["evtContratAvNP"], M, "T2A"),
    es("S-1280", &["evtInfoComplPer"], M, "T3V"),
    es("S-1295", &["evtTotConting", "evtSolicTotal"], M, "T72"),
    es("S-1298", &["evtReabreEvPer"], M, "T1S"),
    es("S-1299", &["evtFechaEvPer"], M, "CUO"),
    es("S-1300", &["evtContrSindPatr"], M, "T3Z"),
    unlisted("S-1220", &["evtPgtosNI"]),
    unlisted("S-2100", &["evtCadInicial"]),
    es(
        "S-2190",
        &["evtAdmPrelim", "evtAdmissaoPreliminar"],
        E,
        "T3A",
    ),
    es("S-2200", &["evtAdmissao"], E, "C9V"),
    es("S-2205", &["evtAltCadastral"], E, "T1U"),
    es("S-2206", &["evtAltContratual"], E, "T1V"),
    es("S-2210", &["evtCAT"], E, "CM0"),
    es("S-2220", &["evtMonit"], E, "C8B"),
    es("S-2221", &["evtToxic"], E, "V3B"),
    es("S-2230", &["evtAfastTemp"], E, "CM6"),
    es("S-2231", &["evtCessao"], E, "V72"),
    es("S-2240", &["evtExpRisco"], E, "CM9"),
    es("S-2241", &["evtInsApo", "evtInsPerApo"], E, "T3B"),
    es("S-2245", &["evtTreiCap"], E, "V3C"),
    es("S-2250", &["evtAvPrevio"], E, "CM8"),
    es("S-2260", &["evtConvInterm"], E, "T87"),
    es("S-2298", &["evtReintegr"], E, "CMF"),
    es("S-2299", &["evtDeslig"], E, "CMD"),
    es("S-2300", &["evtTSVInicio"], E, "C9V"),
    es(
        "S-2306",
        &["evtTSVAltContr", "evtTSVAltContratual"],
        E,
        "T0F",
    ),
    es("S-2399", &["evtTSVTermino"], E, "T92"),
    es("S-2400", &["evtCdBenefIn", "evtCdBenPrRP"], E, "V73"),
    es("S-2405", &["evtCdBenefAlt"], E, "V73"),
    es("S-2410", &["evtCdBenIn"], E, "V75"),
    es("S-2416", &["evtCdBenAlt"], E, "V76"),
    es("S-2418", &["evtReativBen"], E, "V77"),
    es("S-2420", &["evtCdBenTerm"], E, "V78"),
    es("S-2500", &["evtProcTrab"], E, "V9U"),
    es("S-2501", &["evtContProc"], E, "V7C"),
    es("S-2555", &["evtConsolidContProc"], E, "T8I"),
    es("S-3000", &["evtExclusao"], E, "CMJ"),
    es("S-3500", &["evtExcProcTrab"], E, "V7J"),
    es("S-5001", &["evtBasesTrab"], T, "T2M"),
    es("S-5002", &["evtIrrfBenef"], T, "T2G"),
    es("S-5003", &["evtBasesFGTS"], T, "V2P"),
    es("S-5011", &["evtCS"], T, "T2V"),
    es("S-5012", &["evtIrrf"], T, "T0G"),
    es("S-5013", &["evtFGTS"], T, "V2Z"),
    es("S-5501", &["evtTribProcTrab"], T, "V7K"),
    es("S-5503", &["evtFGTSProcTrab"], T, "T8N"),
    unlisted("S-8200", &["evtAnotJud"]),
    unlisted("S-8299", &["evtBaixa"]),
    reinf("R-1000", &["evtInfoContri"], "evtInfoContribuinte", C),
    reinf("R-1050", &["evtTabLig"], "evt1050TabLig", C),
    reinf("R-1070", &["evtTabProcesso"], "evtTabProcesso", C),
    reinf("R-2010", &["evtServTom"], "evtTomadorServicos", M),
    reinf("R-2020", &["evtServPrest"], "evtPrestadorServicos", M),
    reinf(
        "R-2030",
        &["evtAssocDespRec"],
        "evtRecursoRecebidoAssociacao",
        M,
    ),
    reinf(
        "R-2040",
        &["evtAssocDespRep"],
        "evtRecursoRepassadoAssociacao",
        M,
    ),
    reinf("R-2050", &["evtComProd"], "evtInfoProdRural", M),
    reinf("R-2055", &["evtAqProd"], "evt2055AquisicaoProdRural", M),
    reinf("R-2060", &["evtCPRB"], "evtInfoCPRB", M),
    reinf("R-2098", &["evtReabreEvPer"], "evtReabreEvPer", E),
    reinf("R-2099", &["evtFechaEvPer"], "evtFechamento", E),
    reinf("R-3010", &["evtEspDesportivo"], "evtEspDesportivo", E),
    reinf("R-4010", &["evtRetPF"], "evt4010PagtoBeneficiarioPF", M),
    reinf("R-4020", &["evtRetPJ"], "evt4020PagtoBeneficiarioPJ", M),
    reinf(
        "R-4040",
        &["evtBenefNId"],
        "evt4040PagtoBenefNaoIdentificado",
        M,
    ),
    reinf("R-4080", &["evtRetRec"], "evt4080RetencaoRecebimento", M),
    reinf("R-4099", &["evtFech"], "evt4099FechamentoDirf", E),
    reinf("R-9000", &["evtExclusao"], "evtExclusao", E),
    reinf("R-9001", &["evtTotal"], "evtTotal", T),
    reinf("R-9005", &["evtRet"], "evtRet", T),
    reinf("R-9011", &["evtTotalContrib"], "evtTotalContrib", T),
    reinf("R-9015", &["evtRetCons"], "evtRetCons", T),
];

/// The entry for a code (exact, case-sensitive).
pub fn by_code(code: &str) -> Option<&'static EventSpec> {
    EVENTS.iter().find(|spec| spec.code == code)
}

/// Whether TAF's routine table lists the code, so the 804 check accepts it.
pub fn is_routine(code: &str) -> bool {
    by_code(code).is_some_and(|spec| spec.kind.is_some())
}

/// The entry whose event element is `element` in `family`.
pub fn by_element(family: Family, element: &str) -> Option<&'static EventSpec> {
    EVENTS
        .iter()
        .find(|spec| spec.family() == family && spec.elements.contains(&element))
}

/// The code a TXT layout register carries (`T001`…`T999`): `T` and three digits.
pub fn is_txt_layout(code: &str) -> bool {
    let bytes = code.as_bytes();
    bytes.len() == 4 && bytes.first() == Some(&b'T') && bytes.iter().skip(1).all(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_elements_resolve_within_their_family() {
        for (index, spec) in EVENTS.iter().enumerate() {
            assert!(EVENTS[..index].iter().all(|other| other.code != spec.code));
            assert_eq!(by_element(spec.family(), spec.element()), Some(spec));
        }
        assert_eq!(
            by_element(Family::Reinf, "evtExclusao").map(|s| s.code),
            Some("R-9000")
        );
        assert_eq!(
            by_element(Family::ESocial, "evtExclusao").map(|s| s.code),
            Some("S-3000")
        );
        assert!(by_code("S-2220").is_some_and(EventSpec::is_sesmt));
        assert!(by_code("s-2220").is_none());
        assert!(is_routine("S-1010") && !is_routine("S-2100") && !is_routine("S-9999"));
        assert!(is_txt_layout("T005") && !is_txt_layout("T05") && !is_txt_layout("S005"));
    }
}
