#include "TOTVS.CH"

// Sample: post a lote with FWRest, then page the ticket's status through libtaf's
// ExecInClientDLL bridge (ExeDLLRun2). Copy libtaf.dll (Windows: the x64 or x86 package of
// `make windows`, as the SmartClient's architecture) next to smartclient.exe, or libtaf.so
// (Linux) next to the SmartClient. The bridge builds the lote from the event and checks it
// before the POST.

#define TAF_JSON_ASCII 2
#define TAF_BUFFER 65536

User Function TafSample()
    Local cHost    := "http://protheus.example:8080"
    Local cTicket  := FWUUIDV4()
    Local cBranch  := "01"
    Local cXml     := '<eSocial><evtTabRubrica Id="ID1"/></eSocial>'
    Local nDll     := ExecInDLLOpen(IIf(GetRemoteType() == 2, "libtaf.so", "libtaf.dll"))
    Local oRest    := Nil
    Local oAnswer  := Nil
    Local oStep    := Nil
    Local cCursor  := ""
    Local nItem    := 0
    Local aHeaders := {"Content-Type: application/json;charset=UTF-8"}
    Local cLote    := ""
    Local oCheck   := Nil

    If nDll < 0
        MsgStop("libtaf could not be loaded: " + cValToChar(nDll))
        Return
    EndIf
    ConOut("libtaf " + TafCall(nDll, '{"op":"version"}'):GetJsonText("result"))

    // 1. Build the lote (one S-1010 event, key K1), check it, then POST it.
    cLote := TafCall(nDll, '{"op":"build_lote","args":{"ticket":"' + cTicket + '","branch":"' + ;
        cBranch + '","events":[{"text":' + TafQuote(cXml) + ',"key":"K1"}]}}')["result"]["lotes"][1]
    oCheck := TafCall(nDll, '{"op":"preflight","args":{"body":' + TafQuote(cLote) + ;
        ',"branches":[["G1","' + cBranch + '"]]}}')["result"]
    If oCheck["exitCode"] == 2
        MsgStop("The server would reject this lote: " + oCheck["findings"][1]["message"])
        ExecInDLLClose(nDll)
        Return
    EndIf
    oRest := FWRest():New(cHost)
    oRest:SetPath("/rest/WSTAFST2")
    oRest:SetPostParams(cLote)
    oRest:Post(aHeaders)
    oAnswer := TafCall(nDll, '{"op":"decode_post","args":{"status":' + ;
        cValToChar(TafStatus(oRest)) + ',"body":' + TafQuote(oRest:GetResult()) + '}}')
    If !oAnswer["ok"]
        MsgStop("POST answer not understood: " + oAnswer["error"]["message"])
        ExecInDLLClose(nDll)
        Return
    EndIf

    // 2. Page the ticket: start, then one step per GET until the paginator is done.
    oStep := TafCall(nDll, '{"op":"paginator_start","args":{"query":{"ticketCode":"' + ;
        cTicket + '","sourceBranch":"' + cBranch + '","lotQuantity":100}}}')["result"]
    While oStep["request"] <> Nil
        oRest := FWRest():New(cHost)
        oRest:SetPath(oStep["request"]["path"] + "?" + oStep["request"]["query"])
        oRest:Get()
        cCursor := oStep["cursor"]:ToJson()
        oAnswer := TafCall(nDll, '{"op":"paginator_step","args":{"cursor":' + cCursor + ;
            ',"status":' + cValToChar(TafStatus(oRest)) + ',"body":' + TafQuote(oRest:GetResult()) + '}}')
        If !oAnswer["ok"]
            MsgStop("GET answer not understood: " + oAnswer["error"]["message"])
            Exit
        EndIf
        oStep := oAnswer["result"]
        For nItem := 1 To Len(oStep["events"])
            ConOut(oStep["events"][nItem]:ToJson())
        Next
        If oStep["state"] == "failed"
            MsgStop("Paging stopped: " + oStep["error"]["code"])
        EndIf
    EndDo
    ExecInDLLClose(nDll)
Return

// Runs one bridge command; grows the buffer once when the answer needs more room.
Static Function TafCall(nDll, cCommand)
    Local cBuffer := cCommand + Space(TAF_BUFFER)
    Local nLen    := ExeDLLRun2(nDll, TAF_JSON_ASCII, @cBuffer)
    Local oJson   := JsonObject():New()
    If nLen < 0
        cBuffer := cCommand + Space(-nLen)
        nLen := ExeDLLRun2(nDll, TAF_JSON_ASCII, @cBuffer)
    EndIf
    oJson:FromJson(Left(cBuffer, Max(nLen, 0)))
Return oJson

// The HTTP status of FWRest's last answer.
Static Function TafStatus(oRest)
Return Val(Left(oRest:GetLastError(), 3))

// A JSON string literal for ADVPL text.
Static Function TafQuote(cText)
    Local oQuote := JsonObject():New()
    oQuote["s"] := IIf(cText == Nil, "", cText)
Return SubStr(oQuote:ToJson(), 6, Len(oQuote:ToJson()) - 6)
