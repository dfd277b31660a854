; Till Agent: one extra step for the NSIS installer (electron-builder includes this file, see
; `nsis.include` in electron-builder.yml; its own steps are unchanged).
;
; /CONFIG=<file>   copies <file> to %ProgramData%\TillAgent\config.json, the machine-wide
;                  configuration the agent reads when a till user has none of their own:
;
;                    TillAgent-Setup-1.2.3.exe /S /CONFIG=\\fileserver\it\till-agent\config.json
;
;                  The TillAgent folder is then owned by Administrators (taken over first, so a
;                  folder a cashier made cannot keep them its owner), writable by SYSTEM and
;                  Administrators only and readable by Users (so a cashier cannot change the
;                  estate's settings). Check the file first: npm run agent -- check-config <file>
;                  If the folder cannot be made so, or the file cannot be copied, the app is still
;                  installed, and the installer exits with code 2 so the deployment tool reports it.
;
; Without /CONFIG nothing of that runs, and an existing config.json is left as it is. Uninstalling
; never removes %ProgramData%\TillAgent.
;
; Every install also (docs/installing.md, "Command line" and "Data folder"):
; - puts the install folder, where till-agent.cmd is, on the machine PATH (uninstalling takes it
;   off again), so `till-agent diagnose` works from any prompt. A PATH longer than NSIS can hold
;   is never written back (it would come back cut short): the log says to add it by hand.
; - creates the machine-wide data folder %ProgramData%\TillAgent\data, the one queue of this till
;   whatever account logs in: SYSTEM and Administrators full control, the local Users group modify
;   (every account that may log in to a till is a till user; to keep it to one group, IT replaces
;   Users with it, as for the config). Made once: an existing folder and its permissions are kept.

!include LogicLib.nsh
!include FileFunc.nsh
!include WinMessages.nsh

!define TILL_AGENT_ENV_KEY "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"

; Pop a PATH, push it back without the entry on top of the stack below it (compared without case,
; with or without a trailing backslash); empty entries go too. Char by char, NSIS having no split.
!macro TILL_AGENT_PATH_WITHOUT UN
Function ${UN}TillAgentPathWithout
  Exch $R0 ; PATH
  Exch
  Exch $R2 ; the entry
  Push $R1
  Push $R3
  Push $R4
  Push $R5
  Push $R6
  StrCpy $R1 ""
  StrCpy $R3 ""
  StrLen $R4 $R0
  StrCpy $R5 0
  loop:
    ${If} $R5 < $R4
      StrCpy $R6 $R0 1 $R5
      IntOp $R5 $R5 + 1
      ${If} $R6 != ";"
        StrCpy $R3 "$R3$R6"
        Goto loop
      ${EndIf}
    ${EndIf}
    ${If} $R3 != ""
    ${AndIf} $R3 != $R2
    ${AndIf} $R3 != "$R2\"
      ${If} $R1 == ""
        StrCpy $R1 $R3
      ${Else}
        StrCpy $R1 "$R1;$R3"
      ${EndIf}
    ${EndIf}
    StrCpy $R3 ""
    ${If} $R5 < $R4
      Goto loop
    ${EndIf}
  StrCpy $R0 $R1
  Pop $R6
  Pop $R5
  Pop $R4
  Pop $R3
  Pop $R1
  Pop $R2
  Exch $R0
FunctionEnd
!macroend
!ifdef BUILD_UNINSTALLER
  !insertmacro TILL_AGENT_PATH_WITHOUT "un."
!else
  !insertmacro TILL_AGENT_PATH_WITHOUT ""
!endif

; The machine PATH with (ADD) or without (REMOVE) the install folder.
!macro TILL_AGENT_MACHINE_PATH ACTION UN
  Push $R0
  Push $R1
  ClearErrors
  ReadRegStr $R0 HKLM "${TILL_AGENT_ENV_KEY}" "Path"
  StrLen $R1 $R0
  ${If} ${Errors}
  ${OrIf} $R0 == ""
  ${OrIf} $R1 >= ${NSIS_MAX_STRLEN}
    ; Unreadable, or longer than NSIS holds (it reads such a value as empty): never write it back.
    DetailPrint "Till Agent: the machine PATH is too long to change safely: change it by hand (${ACTION} $INSTDIR)"
  ${Else}
    Push $INSTDIR
    Push $R0
    Call ${UN}TillAgentPathWithout
    Pop $R0
    !if "${ACTION}" == "ADD"
      StrCpy $R0 "$R0;$INSTDIR"
    !endif
    StrLen $R1 $R0
    ${If} $R1 >= ${NSIS_MAX_STRLEN}
      DetailPrint "Till Agent: the machine PATH would be too long: change it by hand (${ACTION} $INSTDIR)"
    ${Else}
      ; REG_EXPAND_SZ, as Windows keeps it (entries such as %SystemRoot% stay as they are).
      WriteRegExpandStr HKLM "${TILL_AGENT_ENV_KEY}" "Path" "$R0"
      SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
    ${EndIf}
  ${EndIf}
  Pop $R1
  Pop $R0
!macroend

; %ProgramData%\TillAgent\data: this till's one queue, for every account that logs in.
!macro TILL_AGENT_DATA_FOLDER
  Push $R0
  Push $R1
  ReadEnvStr $R0 PROGRAMDATA
  ${If} $R0 == ""
    StrCpy $R0 "C:\ProgramData"
  ${EndIf}
  ${IfNot} ${FileExists} "$R0\TillAgent\data\*.*"
    CreateDirectory "$R0\TillAgent\data"
    ; SIDs, not names, so this works on any Windows language: SYSTEM, Administrators, Users.
    nsExec::Exec 'icacls "$R0\TillAgent\data" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F *S-1-5-32-545:(OI)(CI)M'
    Pop $R1
    ${If} $R1 != 0
      DetailPrint "Till Agent: could not set the permissions of $R0\TillAgent\data (icacls $R1)"
    ${EndIf}
  ${EndIf}
  Pop $R1
  Pop $R0
!macroend

!macro customInstall
  !insertmacro TILL_AGENT_DATA_FOLDER
  !insertmacro TILL_AGENT_MACHINE_PATH ADD ""
  Push $R7
  Push $R8
  Push $R9
  ${GetParameters} $R7
  ClearErrors
  ${GetOptions} $R7 "/CONFIG=" $R8
  ${IfNot} ${Errors}
  ${AndIf} $R8 != ""
    ReadEnvStr $R9 PROGRAMDATA
    ${If} $R9 == ""
      StrCpy $R9 "C:\ProgramData"
    ${EndIf}
    ${If} ${FileExists} "$R8"
      CreateDirectory "$R9\TillAgent"
      ; Administrators own the folder (and a config.json already in it) before its ACL is set: a
      ; folder a cashier made first would stay the cashier's, and an owner can rewrite any ACL.
      nsExec::Exec 'takeown /F "$R9\TillAgent" /A'
      Pop $R7
      ${If} $R7 != 0
        DetailPrint "Till Agent: could not make Administrators the owner of $R9\TillAgent (takeown $R7)"
        SetErrorLevel 2
        Quit
      ${EndIf}
      ${If} ${FileExists} "$R9\TillAgent\config.json"
        nsExec::Exec 'takeown /F "$R9\TillAgent\config.json" /A'
        Pop $R7
        ${If} $R7 != 0
          DetailPrint "Till Agent: could not make Administrators the owner of $R9\TillAgent\config.json (takeown $R7)"
          SetErrorLevel 2
          Quit
        ${EndIf}
        ; Its own entries go: it takes the folder's, set next.
        nsExec::Exec 'icacls "$R9\TillAgent\config.json" /reset'
        Pop $R7
        ${If} $R7 != 0
          DetailPrint "Till Agent: could not reset the permissions of $R9\TillAgent\config.json (icacls $R7)"
          SetErrorLevel 2
          Quit
        ${EndIf}
      ${EndIf}
      ; SIDs, not names, so this works on any Windows language: SYSTEM, Administrators, Users.
      nsExec::Exec 'icacls "$R9\TillAgent" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX'
      Pop $R7
      ${If} $R7 != 0
        DetailPrint "Till Agent: could not set the permissions of $R9\TillAgent (icacls $R7): the config is not copied"
        SetErrorLevel 2
        Quit
      ${EndIf}
      ClearErrors
      CopyFiles /SILENT "$R8" "$R9\TillAgent\config.json"
      ${If} ${Errors}
        DetailPrint "Till Agent: could not copy $R8 to $R9\TillAgent\config.json"
        SetErrorLevel 2
        Quit
      ${EndIf}
      DetailPrint "Till Agent: machine-wide config copied from $R8"
    ${Else}
      DetailPrint "Till Agent: /CONFIG file not found: $R8"
      SetErrorLevel 2
      Quit
    ${EndIf}
  ${EndIf}
  Pop $R9
  Pop $R8
  Pop $R7
!macroend

!macro customUnInstall
  ; The data folder stays: it may hold sales not yet sent (docs/installing.md, section 6).
  !insertmacro TILL_AGENT_MACHINE_PATH REMOVE "un."
!macroend
