<#
.SYNOPSIS
  What only a Windows PC with Paint.NET 5.1 can prove: the plugin builds against the installed Paint.NET DLLs with the
  DirectML switch, its tests pass, it bundles and installs, the bundled DirectML.dll loads from the plugin folder,
  and a tiny model runs on the GPU. Prints a pass/fail table; exit code 1 when any step failed.

.EXAMPLE
  # From the checkout, in PowerShell 7 (pwsh) or Windows PowerShell 5.1, .NET SDK 10 installed:
  .\installer\windows-check.ps1 -PdnDir "C:\Program Files\paint.net"
  # Install into a portable Paint.NET copy instead of the real one (no administrator needed):
  .\installer\windows-check.ps1 -PdnDir "C:\Program Files\paint.net" -InstallPdn D:\Apps\paint.net-portable
#>
param(
    # The Paint.NET 5.1 folder whose DLLs the plugin compiles against (the folder holding paintdotnet.exe).
    [string]$PdnDir = "$env:ProgramFiles\paint.net",
    # The Paint.NET folder to install into (default: the same; Program Files needs an administrator prompt).
    [string]$InstallPdn = $PdnDir,
    # Where build outputs, the bundle and the GPU test image go (created; never inside Paint.NET).
    [string]$Work = (Join-Path ([IO.Path]::GetTempPath()) "aepaint-windows-check"),
    # Also run the whole test suite, not only the Paint.NET effect tests.
    [switch]$AllTests
)

$ErrorActionPreference = 'Stop'
$repo = Split-Path -Parent $PSScriptRoot
$results = New-Object System.Collections.Generic.List[object]
$minimumDirectML = [Version]'1.15.0'   # DirectMLLibrary.Minimum in src/AePaint.Inference

function Step([string]$name, [scriptblock]$body) {
    Write-Host "== $name" -ForegroundColor Cyan
    try {
        $detail = & $body
        $results.Add([pscustomobject]@{ Step = $name; Result = 'PASS'; Detail = "$detail" })
    } catch {
        $results.Add([pscustomobject]@{ Step = $name; Result = 'FAIL'; Detail = $_.Exception.Message })
    }
}

function Run([string]$exe, [string[]]$arguments) {
    $output = & $exe @arguments 2>&1 | Out-String
    if ($LASTEXITCODE -ne 0) {
        $tail = ($output -split "`n" | Select-Object -Last 8) -join ' | '
        throw "$exe $($arguments -join ' ') exited with $LASTEXITCODE : $tail"
    }
    return $output
}

New-Item -ItemType Directory -Force -Path $Work | Out-Null
Push-Location $repo
try {
    Step 'Windows and Paint.NET 5.1 folder' {
        if (-not $IsWindows -and $PSVersionTable.PSEdition -eq 'Core') { throw 'run this on Windows' }
        $exe = Join-Path $PdnDir 'paintdotnet.exe'
        if (-not (Test-Path $exe)) { throw "no paintdotnet.exe in $PdnDir (give -PdnDir)" }
        "Paint.NET $((Get-Item $exe).VersionInfo.ProductVersion), $env:PROCESSOR_ARCHITECTURE"
    }

    Step 'Build the plugin against Paint.NET (-p:PdnDir, -p:AePaintGpu=DirectML)' {
        Run dotnet @('build', 'src/AePaint.PaintDotNet', '-c', 'Release', "-p:PdnDir=$PdnDir", '-p:AePaintGpu=DirectML', '-o', "$Work\plugin") | Out-Null
        $refs = [Reflection.Assembly]::LoadFile("$Work\plugin\AePaint.PaintDotNet.dll").GetReferencedAssemblies() |
            Where-Object { $_.Name -like 'PaintDotNet.*' } | ForEach-Object { "$($_.Name) $($_.Version)" }
        if (-not (Test-Path "$Work\plugin\DirectML.dll")) { throw 'the DirectML build put no DirectML.dll beside the plugin' }
        "references: $($refs -join ', ')"
    }

    Step 'Tests (Paint.NET effect glue, stand-in build)' {
        $target = if ($AllTests) { 'AePaintPlugin.sln' } else { 'tests/AePaint.PaintDotNet.Tests' }
        $out = Run dotnet @('test', $target, '-c', 'Release')
        ($out -split "`n" | Where-Object { $_ -match 'Passed!|Failed!' }) -join ' '
    }

    Step 'Bundle (aepaint-install bundle --ort directml)' {
        Run dotnet @('publish', 'installer/AePaint.Installer', '-c', 'Release', '-r', 'win-x64', '--self-contained', '-p:PublishSingleFile=true',
            '-p:IncludeNativeLibrariesForSelfExtract=true', '-p:DebugType=none', '-o', "$Work\installer") | Out-Null
        Remove-Item -Recurse -Force "$Work\dist" -ErrorAction SilentlyContinue
        Run "$Work\installer\aepaint-install.exe" @('bundle', '--pdn-dir', $PdnDir, '--ort', 'directml', '--installer', "$Work\installer", '-o', "$Work\dist") | Out-Null
        $zip = Get-ChildItem "$Work\dist\*.zip" | Select-Object -First 1
        if (-not $zip) { throw 'no bundle ZIP was made' }
        $zip.Name
    }

    Step "Install into $InstallPdn" {
        $bundle = Get-ChildItem "$Work\dist" -Directory | Select-Object -First 1
        Run "$($bundle.FullName)\aepaint-install.exe" @('install', '--pdn', $InstallPdn) | Out-Null
        Run "$($bundle.FullName)\aepaint-install.exe" @('verify', '--pdn', $InstallPdn) | Out-Null
        'installed and verified'
    }

    Step 'DirectML.dll loads from the plugin folder' {
        $dll = Join-Path $InstallPdn 'Effects\AePaint\DirectML.dll'
        if (-not (Test-Path $dll)) { throw "missing: $dll" }
        $v = (Get-Item $dll).VersionInfo
        $version = [Version]::new($v.FileMajorPart, $v.FileMinorPart, $v.FileBuildPart)
        if ($version -lt $minimumDirectML) { throw "$dll is DirectML $version, older than $minimumDirectML" }
        # A fresh process: load by full path, then ask Windows which DirectML.dll the bare name resolves to.
        $probe = @"
Add-Type -Namespace W -Name K -MemberDefinition '[DllImport("kernel32.dll", CharSet=CharSet.Unicode, SetLastError=true)] public static extern IntPtr LoadLibraryW(string p); [DllImport("kernel32.dll", CharSet=CharSet.Unicode)] public static extern IntPtr GetModuleHandleW(string n); [DllImport("kernel32.dll", CharSet=CharSet.Unicode)] public static extern int GetModuleFileNameW(IntPtr m, System.Text.StringBuilder b, int n);'
if ([W.K]::LoadLibraryW('$dll') -eq [IntPtr]::Zero) { Write-Output "LOADFAIL $([Runtime.InteropServices.Marshal]::GetLastWin32Error())"; exit 1 }
`$sb = New-Object System.Text.StringBuilder 1024; [void][W.K]::GetModuleFileNameW([W.K]::GetModuleHandleW('DirectML.dll'), `$sb, 1024); Write-Output `$sb.ToString()
"@
        $shell = if (Get-Command pwsh -ErrorAction SilentlyContinue) { 'pwsh' } else { 'powershell' }
        $loaded = (& $shell -NoProfile -Command $probe | Out-String).Trim()
        if ($loaded -ne (Resolve-Path $dll).Path) { throw "DirectML.dll resolved to '$loaded', not $dll" }
        "DirectML $version from $dll"
    }

    Step 'A tiny model runs on the GPU (DirectML build, -g gpu)' {
        $img = Join-Path $repo 'samples\astronaut.png'
        $out = Join-Path $Work 'gpu-check.png'
        Remove-Item $out -ErrorAction SilentlyContinue
        $log = Run dotnet @('run', '--project', 'src/AePaint.Cli', '-c', 'Release', '-p:AePaintGpu=DirectML', '--',
            'denoise', $img, '-o', $out, '-g', 'gpu', '-t', '128', '-m', (Join-Path $repo 'models\denoise-fast.onnx'))
        if ($log -notmatch 'on DirectML') { throw "the model did not run on DirectML: $(($log -split "`n" | Select-Object -Last 4) -join ' | ')" }
        if (-not (Test-Path $out)) { throw 'no output image' }
        ($log -split "`n" | Where-Object { $_ -match 'on DirectML' } | Select-Object -First 1).Trim()
    }
} finally {
    Pop-Location
}

$results | Format-Table -AutoSize -Wrap
Write-Host 'Still to check by hand inside Paint.NET: Effects > Noise > AI Denoise and Effects > Photo > AI Super-Resolution appear with their icons, the dialogs open, a render with Device = GPU names the graphics card once, errors and notices appear in Paint.NET''s error dialog.'
if ($results | Where-Object { $_.Result -eq 'FAIL' }) { exit 1 }
exit 0
