; Harbor's per-user installer (NSIS): no administrator rights, installs into the user's own programs folder.
; IT installs per machine with the MSI (harbor.wxs). Build: packaging/windows/make-installer.sh path/to/harbor.exe
; The upgrade code below identifies Harbor across versions: never change it.
; A 64-bit installer for the 64-bit harbor.exe (Unicode): it runs on 64-bit Windows 10 and 11 without the 32-bit
; subsystem, and writes the 64-bit view of the registry, the one harbor.exe reads.
Target amd64-unicode
!define APP_NAME "Harbor"
!define UPGRADE_CODE "{6B3F2C1E-8A4D-4E5B-9C7A-2D1F0E3B4A59}"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${UPGRADE_CODE}"
!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef EXE
  !define EXE "harbor.exe"
!endif

Name "${APP_NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
RequestExecutionLevel user
SetCompressor /SOLID lzma
Icon "harbor.ico"
UninstallIcon "harbor.ico"

Page directory
Page instfiles
UninstPage uninstConfirm
UninstPage instfiles

Section "Harbor"
  SetOutPath "$INSTDIR"
  File "/oname=harbor.exe" "${EXE}"
  File "harbor.ico"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\harbor.exe" "" "$INSTDIR\harbor.ico"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "The Harbor project"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\harbor.ico"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

; Uninstalling removes the program only. The encrypted notes in %APPDATA%\harborapp\Harbor stay unless the user
; deletes that folder: losing them by accident would be worse than keeping them.
Section "Uninstall"
  Delete "$INSTDIR\harbor.exe"
  Delete "$INSTDIR\harbor.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
