; Inno Setup 6 script for the Windows installer of the till.
; Build the bundle first (python installer\build.py), then: iscc installer\membertill.iss
; Start-menu entry, optional desktop shortcut, uninstall that keeps the data folder
; (%LOCALAPPDATA%\MemberTill: database, logs, backups; config in %LOCALAPPDATA%\MemberTill too).

#define AppName "MemberTill"
#define AppNameZh "会员收银台"
#define AppVersion "0.1.0"

[Setup]
AppId={{6B1E2C1A-3F0E-4C6B-9A57-4D3E2A9B1C01}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=MemberTill
DefaultDirName={autopf}\MemberTill
DefaultGroupName={#AppName}
OutputDir=..\dist
OutputBaseFilename=MemberTill-Setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
UninstallDisplayName={#AppName} {#AppNameZh}

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\dist\MemberTill\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppNameZh} {#AppName}"; Filename: "{app}\MemberTill.exe"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppNameZh}"; Filename: "{app}\MemberTill.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\MemberTill.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; only the program folder: the data folder (%LOCALAPPDATA%\MemberTill) is never deleted
Type: filesandordirs; Name: "{app}"
