//! Sans-IO model of the TOTVS TAF `WSTAFST2` REST service.
