<#
.SYNOPSIS
Build Inspector on Windows: the one-folder app with PyInstaller and, with -Installer, the Inno Setup installer.

.DESCRIPTION
Creates (or reuses) a build venv, installs the project (not editable) and PyInstaller into it with the
versions pinned in packaging\constraints.txt, runs packaging\pyinstaller\inspector.spec, writes
THIRD_PARTY_LICENSES.md into the app folder and prints the folder, its size and its number of files.
With -Installer it then compiles packaging\windows\inspector.iss with Inno Setup 6.3+ (ISCC.exe).

Run from any folder (PowerShell 5.1 or 7):

    powershell -ExecutionPolicy Bypass -File packaging\build.ps1 -Installer

Then try it: python packaging\smoke_test.py dist\Inspector

.PARAMETER Python
The Python that creates the build venv: "py" (the launcher, newest Python 3; the default) or a path to
python.exe. Python 3.11 or newer, 64-bit.

.PARAMETER BuildVenv
The build venv (default build\pyinstaller-venv). Never the project's own .venv.

.PARAMETER DistDir
Where the app goes (default dist): $DistDir\Inspector, and the installer beside it.

.PARAMETER WorkDir
PyInstaller's work folder (default build\pyinstaller).

.PARAMETER Constraints
A pip constraints file (default packaging\constraints.txt, found beside this script). Pass "" for the
newest versions.

.PARAMETER Installer
Also build the installer (needs Inno Setup 6.3 or newer; ISCC.exe found on PATH or in its usual folders).
#>
[CmdletBinding()]
param(
    [string]$Python = "py",
    [string]$BuildVenv = "",
    [string]$DistDir = "",
    [string]$WorkDir = "",
    [string]$Constraints = "packaging\constraints.txt",
    [switch]$Installer
)

$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest

$Here = $PSScriptRoot
$Root = Split-Path -Parent $Here

function Resolve-Full([string]$Path, [string]$Default) {
    if (-not $Path) { $Path = $Default }
    # Absolute, whether or not it exists yet (relative paths are taken from the current folder).
    return [System.IO.Path]::GetFullPath([System.IO.Path]::Combine((Get-Location).Path, $Path))
}

function Invoke-Native {
    # Invoke-Native program arg…: run it and stop on a non-zero exit status (native programs do not throw).
    # A plain function on purpose: its $args takes "-m", "-c" … as they are, without parameter binding.
    $Exe, $Rest = $args
    & $Exe @Rest
    if ($LASTEXITCODE -ne 0) { throw "$Exe $($Rest -join ' ') failed with exit status $LASTEXITCODE" }
}

$Venv = Resolve-Full $BuildVenv (Join-Path $Root "build\pyinstaller-venv")
$Dist = Resolve-Full $DistDir (Join-Path $Root "dist")
$Work = Resolve-Full $WorkDir (Join-Path $Root "build\pyinstaller")
if ($Constraints -eq "packaging\constraints.txt") { $Constraints = Join-Path $Here "constraints.txt" }
$VenvPython = Join-Path $Venv "Scripts\python.exe"

if (-not (Test-Path $VenvPython)) {
    Write-Host "Creating the build venv $Venv"
    if ($Python -eq "py") { Invoke-Native py -3 -m venv $Venv } else { Invoke-Native $Python -m venv $Venv }
}
Invoke-Native $VenvPython -c "import struct, sys; sys.exit(sys.version_info < (3, 11) or struct.calcsize('P') != 8)"

Write-Host "Installing the project and PyInstaller into the build venv"
$PipArgs = @("-m", "pip", "--disable-pip-version-check", "--no-input", "install", "--quiet")
if ($Constraints) { $PipArgs += @("--constraint", (Resolve-Full $Constraints "")) }
# pip reinstalls a local project every time, so the build always freezes the current tree.
Invoke-Native $VenvPython @PipArgs $Root "pyinstaller"
$Version = (& $VenvPython -c "import inspector_app; print(inspector_app.__version__)").Trim()

Write-Host "Running PyInstaller (Inspector $Version)"
$Timer = [System.Diagnostics.Stopwatch]::StartNew()
New-Item -ItemType Directory -Force -Path $Work | Out-Null
# Not from the repository root, where "import inspector_app" would find the sources instead of the install.
Push-Location $Work
try {
    Invoke-Native $VenvPython -m PyInstaller --noconfirm --clean --log-level WARN `
        --distpath $Dist --workpath $Work (Join-Path $Here "pyinstaller\inspector.spec")
} finally {
    Pop-Location
}
Write-Host ("PyInstaller took {0:N0} s" -f $Timer.Elapsed.TotalSeconds)

$App = Join-Path $Dist "Inspector"
Invoke-Native $VenvPython (Join-Path $Root "tools\third_party_licenses.py") -o (Join-Path $App "THIRD_PARTY_LICENSES.md")

$Files = Get-ChildItem -Path $App -Recurse -File
$SizeMB = ($Files | Measure-Object -Property Length -Sum).Sum / 1MB
Write-Host ""
Write-Host "Built: $App"
Write-Host ("Size:  {0:N0} MB in {1} files" -f $SizeMB, $Files.Count)

if ($Installer) {
    $Candidates = @(
        (Get-Command ISCC.exe -ErrorAction SilentlyContinue | ForEach-Object { $_.Source }),
        (Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"),
        (Join-Path $env:ProgramFiles "Inno Setup 6\ISCC.exe"),
        (Join-Path $env:LOCALAPPDATA "Programs\Inno Setup 6\ISCC.exe")
    ) | Where-Object { $_ -and (Test-Path $_) }
    if (-not $Candidates) { throw "Inno Setup 6 (ISCC.exe) not found: install it from https://jrsoftware.org/isdl.php" }
    $Iscc = @($Candidates)[0]
    Write-Host "Compiling the installer with $Iscc"
    Invoke-Native $Iscc /Qp "/DAppVersion=$Version" "/DSourceDir=$App" "/DOutputDir=$Dist" `
        (Join-Path $Here "windows\inspector.iss")
    Write-Host "Installer: $(Join-Path $Dist "Inspector-$Version-setup.exe")"
}
Write-Host "Try:   python $(Join-Path $Here 'smoke_test.py') $App"
