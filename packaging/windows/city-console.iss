; Inno Setup 6 script for the Windows installer of city-console.
;
; Build (on Windows, after packaging\build.ps1 produced dist\city-console\):
;     iscc packaging\windows\city-console.iss
;   or with a version:   iscc /DAppVersion=0.1.0 packaging\windows\city-console.iss
; Output: dist\installer\city-console-<version>-setup.exe
;
; What it installs: the PyInstaller one-folder bundle to Program Files, Start-menu
; entries for the console, the wall client (--wall), the demo and the support report
; (doctor), an optional desktop icon and an optional "start the wall client at logon"
; entry. Per-user data (cache, settings, logs) lives in %LOCALAPPDATA%\city-console and
; is kept on uninstall. Not built in CI (no Windows there): see packaging/README.md.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "City Console"
#define AppExe "city-console.exe"
#define CliExe "city-console-cli.exe"
#define Root "..\.."

[Setup]
AppId={{6E0F3C2A-7B1D-4C55-9A0E-2C1B6D5E8F41}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=City operations centre
DefaultDirName={autopf}\CityConsole
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; all users by default (operations workstations), per-user install allowed without admin
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#Root}\dist\installer
OutputBaseFilename=city-console-{#AppVersion}-setup
SetupIconFile={#Root}\resources\icons\city-console.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; the wall PC may have the console running: ask to close it (Restart Manager)
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
; Inno Setup ships the Chinese (Simplified) translation as an unofficial one; uncomment
; when the build machine has it in its Languages\Unofficial folder
; Name: "zh"; MessagesFile: "compiler:Languages\Unofficial\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "wallautostart"; Description: "Start the wall client when this user logs on (the LED wall PC)"; GroupDescription: "Wall:"; Flags: unchecked

[Files]
Source: "{#Root}\dist\city-console\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#Root}\resources\icons\city-console.ico"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; IconFilename: "{app}\city-console.ico"; Comment: "City operations console"
Name: "{group}\{#AppName} - Wall client"; Filename: "{app}\{#AppExe}"; Parameters: "--wall"; IconFilename: "{app}\city-console.ico"; Comment: "Full-screen wall client; comes back with its last layout"
Name: "{group}\{#AppName} - Demo"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"; IconFilename: "{app}\city-console.ico"; Comment: "Embedded simulator, no network needed"
; the console twin keeps its window open, so the support report can be read and copied
Name: "{group}\{#AppName} - Support report (doctor)"; Filename: "{cmd}"; Parameters: "/k ""{app}\{#CliExe}"" doctor"; IconFilename: "{app}\city-console.ico"
Name: "{group}\{#AppName} - Logs"; Filename: "{localappdata}\city-console\Logs"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; IconFilename: "{app}\city-console.ico"; Tasks: desktopicon
; Windows has no systemd: the wall client restarts at logon; a watchdog-like restart on
; a hang is left to the Task Scheduler (see packaging/README.md)
Name: "{userstartup}\{#AppName} - Wall client"; Filename: "{app}\{#AppExe}"; Parameters: "--wall"; IconFilename: "{app}\city-console.ico"; Tasks: wallautostart

[Run]
Filename: "{app}\{#AppExe}"; Parameters: "--demo"; Description: "Start the demo now"; Flags: nowait postinstall skipifsilent unchecked

[UninstallDelete]
; only what the program itself wrote next to the bundle; user data is kept
Type: filesandordirs; Name: "{app}\__pycache__"
