# Builds the Windows one-folder bundle: dist\city-console\{city-console.exe, city-console-cli.exe},
# then (if Inno Setup's iscc is on PATH) the installer dist\installer\city-console-<version>-setup.exe.
#
#   powershell -ExecutionPolicy Bypass -File packaging\build.ps1            # bundle + installer
#   powershell -ExecutionPolicy Bypass -File packaging\build.ps1 -Smoke     # ... and start it headless
#
# Needs Python 3.11 x64 (py launcher). Uses a clean venv (.buildvenv, or $env:BUILD_VENV) with
# PyInstaller and the project installed NOT editable. Not run in CI (CI is Linux).
param([switch]$Smoke, [switch]$NoInstaller)
$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..")
Set-Location $Root
$Venv = if ($env:BUILD_VENV) { $env:BUILD_VENV } else { Join-Path $Root ".buildvenv" }
$PyInstallerVersion = if ($env:PYINSTALLER_VERSION) { $env:PYINSTALLER_VERSION } else { "6.22.3" }
$Py = Join-Path $Venv "Scripts\python.exe"

$t0 = Get-Date
if (-not (Test-Path $Py)) {
    py -3.11 -m venv $Venv
    & $Py -m pip install -q --upgrade pip
}
& $Py -m pip install -q "pyinstaller==$PyInstallerVersion"
& $Py -m pip install -q -c "$Root\constraints.txt" --force-reinstall --no-deps "$Root"
& $Py -m pip install -q -c "$Root\constraints.txt" "$Root"
Remove-Item -Recurse -Force -ErrorAction SilentlyContinue build\pyinstaller, dist\city-console
$work = New-Item -ItemType Directory -Force (Join-Path $env:TEMP "city-console-build")
Push-Location $work
try {
    & (Join-Path $Venv "Scripts\pyinstaller.exe") --noconfirm --log-level WARN `
        --distpath (Join-Path $Root "dist") --workpath (Join-Path $Root "build\pyinstaller") `
        (Join-Path $Root "packaging\city-console.spec")
    if ($LASTEXITCODE -ne 0) { throw "pyinstaller failed" }
} finally { Pop-Location }
$size = (Get-ChildItem -Recurse dist\city-console | Measure-Object -Sum Length).Sum / 1MB
Write-Host ("build: {0:n0} s; bundle: {1:n0} MB" -f ((Get-Date) - $t0).TotalSeconds, $size)

if ($Smoke) {
    $cli = "dist\city-console\city-console-cli.exe"
    & $cli --version
    $env:QT_QPA_PLATFORM = "offscreen"
    & $cli doctor --json | Out-File -Encoding utf8 (Join-Path $env:TEMP "city-console-doctor.json")
    $shot = Join-Path $env:TEMP "city-console-smoke.png"
    & $cli --demo --cache (Join-Path $env:TEMP "city-console-smoke-cache") --size 1280x720 --screenshot $shot --after 4
    if (-not (Test-Path $shot)) { throw "no screenshot" }
    Remove-Item Env:\QT_QPA_PLATFORM
    Write-Host "smoke: ok"
}

if (-not $NoInstaller) {
    $iscc = Get-Command iscc -ErrorAction SilentlyContinue
    if (-not $iscc) { $iscc = Get-Item "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" -ErrorAction SilentlyContinue }
    if ($iscc) {
        $version = (& $Py -c "import console; print(console.__version__)").Trim()
        & $iscc "/DAppVersion=$version" packaging\windows\city-console.iss
    } else {
        Write-Warning "Inno Setup 6 (iscc) not found: bundle built, installer skipped"
    }
}
