; Inspector's Windows installer: Inno Setup 6.3 or newer (https://jrsoftware.org/isinfo.php).
;
; Installs the one-folder PyInstaller build (dist\Inspector), adds a Start-menu shortcut, registers the
; .inspection file type (opens in Inspector, with its icon) and an uninstaller. packaging\build.ps1
; -Installer runs it; by hand, from the repository root:
;
;   ISCC.exe /DAppVersion=0.1.0 packaging\windows\inspector.iss
;   ISCC.exe /DAppVersion=0.1.0 /DSourceDir=C:\build\dist\Inspector /DOutputDir=C:\build\dist packaging\windows\inspector.iss
;
; Output: Inspector-<version>-setup.exe. Per-machine by default (Program Files, for every user; needs
; administrator rights); "Install for me only" (or /CURRENTUSER) installs under %LOCALAPPDATA%\Programs
; without them. Silent installs and the other switches IT needs: packaging\README.md.

#ifndef AppVersion
  #error Pass the version: ISCC.exe /DAppVersion=0.1.0 packaging\windows\inspector.iss
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\Inspector"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

#define AppName "Inspector"
#define AppPublisher "Inspector"
#define AppExeName "Inspector.exe"
#define CliExeName "inspector-app.exe"
; The programmatic identifier of the .inspection file type (Vendor.Type.Version).
#define ProgId "Inspector.Inspection.1"

[Setup]
; AppId identifies Inspector to Windows and to later installers (upgrades, uninstall): never change it.
AppId={{D7EE9EED-E505-4C1C-AA3A-B2229C1EE758}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} installer
; Per-machine unless the user (dialog) or IT (/CURRENTUSER) chooses per-user; a silent install run by a
; deployment tool as SYSTEM is therefore per-machine without further switches.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog commandline
; {autopf}: C:\Program Files per-machine, %LOCALAPPDATA%\Programs per-user.
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
; The build is 64-bit Python and Qt.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
ChangesAssociations=yes
; Close a running Inspector (Restart Manager) before replacing its files; unsaved work is the app's to
; protect (recovery copies), so setup only asks it to close.
CloseApplications=yes
RestartApplications=no
SetupIconFile=..\..\resources\icons\inspector.ico
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName}
OutputDir={#OutputDir}
OutputBaseFilename=Inspector-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
SetupLogging=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "fileassoc"; Description: "Open .inspection files with {#AppName}"; GroupDescription: "File types:"
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; A new version replaces the whole program folder: no stale library from an older Qt or Python remains.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Comment: "Draft graded inspection reports"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Tasks: desktopicon

[Registry]
; HKA is HKLM\Software\Classes per-machine and HKCU\Software\Classes per-user. The extension names the
; ProgId as its default (a new extension: nothing to take over) and in OpenWithProgids; uninstall removes
; both values and the ProgId key.
Root: HKA; Subkey: "Software\Classes\.inspection"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue; Tasks: fileassoc
Root: HKA; Subkey: "Software\Classes\.inspection"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-inspector-inspection"; Flags: uninsdeletevalue; Tasks: fileassoc
Root: HKA; Subkey: "Software\Classes\.inspection\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: fileassoc
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "Inspector inspection"; Flags: uninsdeletekey; Tasks: fileassoc
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExeName},0"; Tasks: fileassoc
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExeName}"" ""%1"""; Tasks: fileassoc
; "Open with" lists Inspector for .inspection files even when the task is off.
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExeName}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExeName}\SupportedTypes"; ValueType: string; ValueName: ".inspection"; ValueData: ""

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; Uninstall removes the program folder and the registry entries above. It never touches users' files:
; inspections, settings (%LOCALAPPDATA%\Inspector), recovery copies and logs stay (packaging\README.md).
