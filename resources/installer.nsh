; Till Agent: one extra step for the NSIS installer (electron-builder includes this file, see
; `nsis.include` in electron-builder.yml; its own steps are unchanged).
;
; /CONFIG=<file>   copies <file> to %ProgramData%\TillAgent\config.json, the machine-wide
;                  configuration the agent reads when a till user has none of their own:
;
;                    TillAgent-Setup-1.2.3.exe /S /CONFIG=\\fileserver\it\till-agent\config.json
;
;                  The TillAgent folder is then writable by SYSTEM and Administrators only and
;                  readable by Users (so a cashier cannot change the estate's settings). Check the
;                  file first: npm run agent -- check-config <file>
;                  If the file cannot be copied the app is still installed, and the installer
;                  exits with code 2 so the deployment tool reports it.
;
; Without /CONFIG nothing here runs, and an existing config.json is left as it is. Uninstalling
; never removes %ProgramData%\TillAgent.

!include LogicLib.nsh
!include FileFunc.nsh

!macro customInstall
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
      ; SIDs, not names, so this works on any Windows language: SYSTEM, Administrators, Users.
      nsExec::Exec 'icacls "$R9\TillAgent" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX'
      Pop $R7
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
