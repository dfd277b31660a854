@echo off
rem till-agent: Till Agent's command line on Windows. Installed beside "Till Agent.exe" (the
rem install folder is on the machine PATH for an all-users install), so any prompt can run
rem till-agent diagnose, check-config FILE, support-bundle, hash-pin, config or help.
rem
rem The app answers the command itself (Electron's RunAsNode fuse stays off). It is a windowed
rem program, so Windows gives it no console of its own: Electron attaches to this one, and a
rem script (unlike a bare prompt) waits for a windowed program to end, so its output lands here
rem in order and its exit code becomes this script's.
rem
rem hash-pin reads the PIN from standard input, which a windowed program only gets through a
rem pipe: the PIN is asked for here, checked to be digits only (so nothing in it can run as a
rem command), and piped to the app. A PIN piped into this script is read the same way.

setlocal EnableExtensions EnableDelayedExpansion
set "TILL_AGENT_EXE=%~dp0Till Agent.exe"
if not exist "%TILL_AGENT_EXE%" (
    echo Till Agent is not installed beside this script: "%TILL_AGENT_EXE%" is missing. 1>&2
    exit /b 1
)
rem Electron must attach to this console to print here.
set "ELECTRON_NO_ATTACH_CONSOLE="

if /i "%~1"=="hash-pin" goto hashpin
"%TILL_AGENT_EXE%" %*
exit /b %ERRORLEVEL%

:hashpin
set "TILL_AGENT_PIN="
set /p "TILL_AGENT_PIN=New manager PIN (6 to 12 digits), then Enter: "
if not defined TILL_AGENT_PIN goto badpin
set "TILL_AGENT_REST=!TILL_AGENT_PIN!"
for %%d in (0 1 2 3 4 5 6 7 8 9) do set "TILL_AGENT_REST=!TILL_AGENT_REST:%%d=!"
if defined TILL_AGENT_REST goto badpin
if "!TILL_AGENT_PIN:~5,1!"=="" goto badpin
if not "!TILL_AGENT_PIN:~12!"=="" goto badpin
echo %TILL_AGENT_PIN%| "%TILL_AGENT_EXE%" hash-pin
exit /b %ERRORLEVEL%

:badpin
echo A new manager PIN is 6 to 12 digits. 1>&2
exit /b 1
