<#
.SYNOPSIS
  What only a Windows PC with Paint.NET 5.1 can prove: the plugin builds against the installed Paint.NET DLLs with the
  DirectML switch, its tests pass, it bundles and installs (optionally as an upgrade of an earlier bundle) with exactly
  the shipped models, the bundled DirectML.dll loads from the plugin folder, every shipped model runs on the CPU and on
  the GPU with the same PSNR, and without DirectML.dll a GPU run falls back to the CPU. Prints a pass/fail table; exit
  code 1 when any step failed.

.EXAMPLE
  # From the checkout, in PowerShell 7 (pwsh) or Windows PowerShell 5.1, .NET SDK 10 installed:
  .\installer\windows-check.ps1 -PdnDir "C:\Program Files\paint.net"
  # Install into a portable Paint.NET copy instead of the real one (no administrator needed):
  .\installer\windows-check.ps1 -PdnDir "C:\Program Files\paint.net" -InstallPdn D:\Apps\paint.net-portable
  # Upgrade from an earlier bundle (e.g. one from before the 2026-12-07 SR rename, which shipped sr-x4-general):
  .\installer\windows-check.ps1 -InstallPdn D:\Apps\paint.net-portable -PreviousBundle D:\Downloads\AePaint-0.1.0-win-x64.zip
#>
param(
    # The Paint.NET 5.1 folder whose DLLs the plugin compiles against (the folder holding paintdotnet.exe).
    [string]$PdnDir = "$env:ProgramFiles\paint.net",
    # The Paint.NET folder to install into (default: the same; Program Files needs an administrator prompt).
    [string]$InstallPdn = $PdnDir,
    # Where build outputs, the bundle and the GPU test image go (created; never inside Paint.NET).
    [string]$Work = (Join-Path ([IO.Path]::GetTempPath()) "aepaint-windows-check"),
    # Also run the whole test suite, not only the Paint.NET effect tests.
    [switch]$AllTests,
    # A bundle ZIP of an earlier version, installed first so that the install of this checkout's bundle is an upgrade.
    [string]$PreviousBundle
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
    # Windows PowerShell 5.1 turns a program's first stderr line (a warning, say) into a terminating error under 'Stop': read it as text.
    $saved = $ErrorActionPreference
    $ErrorActionPreference = 'Continue'
    try { $output = & $exe @arguments 2>&1 | ForEach-Object { "$_" } | Out-String } finally { $ErrorActionPreference = $saved }
    if ($LASTEXITCODE -ne 0) {
        $tail = ($output -split "`n" | Select-Object -Last 8) -join ' | '
        throw "$exe $($arguments -join ' ') exited with $LASTEXITCODE : $tail"
    }
    return $output
}

# The shipped models (models\*.onnx of this checkout) with what their cards say: what the bundle must install.
$shipped = @(Get-ChildItem (Join-Path $repo 'models') -Filter *.onnx | Sort-Object Name | ForEach-Object {
    $card = Get-Content -Raw ([IO.Path]::ChangeExtension($_.FullName, '.json')) | ConvertFrom-Json
    [pscustomobject]@{ Name = $_.BaseName; Path = $_.FullName; Task = $card.task; Scale = $card.scale; Hash = (Get-FileHash $_.FullName -Algorithm SHA256).Hash }
})
$sample = Join-Path $Work 'sample'   # the evaluation "set": the bundled sample alone

# `aepaint eval` of one shipped model on the sample (denoise: sigma 25 added; SR: its scale); returns the model's rows.
function Eval([string]$cli, [object]$model, [string]$device) {
    $report = Join-Path $Work "eval\$($model.Name)-$device"
    $task = if ($model.Task -eq 'denoise') { @('eval', 'denoise', '--add-noise', '25', '--peers', 'none') } else { @('eval', 'sr', '-s', "$($model.Scale)") }
    Run $cli ($task + @('--set', $sample, '-m', $model.Path, '-g', $device, '-t', '256', '-o', $report)) | Out-Null
    $rows = @((Get-Content -Raw "$report.json" | ConvertFrom-Json).conditions | ForEach-Object { $_.methods } | Where-Object { $_.kind -eq 'model' })
    if ($rows.Count -eq 0 -or ($rows | Where-Object { $_.status -ne 'ok' })) { throw "$($model.Name) on $device : no model result in $report.json" }
    return $rows
}

New-Item -ItemType Directory -Force -Path $Work, "$Work\eval", $sample | Out-Null
Copy-Item (Join-Path $repo 'samples\astronaut.png') $sample -Force
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

    if ($PreviousBundle) {
        Step "Install the previous bundle $PreviousBundle first" {
            $out = Run "$Work\installer\aepaint-install.exe" @('install', '--from', $PreviousBundle, '--pdn', $InstallPdn)
            ($out -split "`n" | Where-Object { $_ -match '^Installed|already installed' } | Select-Object -First 1).Trim()
        }
    }

    Step "Install into $InstallPdn$(if ($PreviousBundle) { ' (an upgrade)' })" {
        $bundle = Get-ChildItem "$Work\dist" -Directory | Select-Object -First 1
        $out = Run "$($bundle.FullName)\aepaint-install.exe" @('install', '--pdn', $InstallPdn)
        if ($PreviousBundle -and $out -notmatch '\(replacing ') { throw "not an upgrade of the previous bundle: $(($out -split "`n" | Select-Object -First 3) -join ' | ')" }
        Run "$($bundle.FullName)\aepaint-install.exe" @('verify', '--pdn', $InstallPdn) | Out-Null
        (@($out -split "`n" | Where-Object { $_ -match '^Installed|^note:' }) -join ' ').Trim()
    }

    Step 'The installed models are exactly the shipped ones (models\)' {
        $plugin = Join-Path $InstallPdn 'Effects\AePaint'
        $ours = @((Get-Content -Raw "$plugin\aepaint-install.json" | ConvertFrom-Json).files | ForEach-Object { $_.path } | Where-Object { $_ -like 'models/*' } | Sort-Object)
        $want = @($shipped | ForEach-Object { "models/$($_.Name).json"; "models/$($_.Name).onnx" } | Sort-Object)
        if (($ours -join ',') -ne ($want -join ',')) { throw "the install manifest lists $($ours -join ', '); the shipped models are $($want -join ', ')" }
        foreach ($m in $shipped) {
            $file = "$plugin\models\$($m.Name).onnx"
            if (-not (Test-Path $file) -or (Get-FileHash $file -Algorithm SHA256).Hash -ne $m.Hash) { throw "$file is missing or differs from models\$($m.Name).onnx" }
        }

        $orphans = @(Get-ChildItem "$plugin\models" -Filter *.json | Where-Object { -not (Test-Path ([IO.Path]::ChangeExtension($_.FullName, '.onnx'))) })
        if ($orphans.Count -gt 0) { throw "cards without their model: $($orphans.Name -join ', ')" }
        $others = @(Get-ChildItem "$plugin\models" -File | Where-Object { $want -notcontains "models/$($_.Name)" })
        "$(($shipped | ForEach-Object Name) -join ', ')$(if ($others.Count -gt 0) { "; kept, not ours: $($others.Name -join ', ')" })"
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

    Step 'Build aepaint twice: CPU and DirectML (-p:AePaintGpu=DirectML)' {
        Run dotnet @('build', 'src/AePaint.Cli', '-c', 'Release', '-o', "$Work\cli-cpu") | Out-Null
        Run dotnet @('build', 'src/AePaint.Cli', '-c', 'Release', '-p:AePaintGpu=DirectML', '-o', "$Work\cli-dml") | Out-Null
        if (-not (Test-Path "$Work\cli-dml\DirectML.dll")) { throw 'the DirectML build of aepaint has no DirectML.dll beside it' }
        "$Work\cli-cpu, $Work\cli-dml"
    }

    $cpuRows = @{}
    Step "Every shipped model on the CPU ($($shipped.Count): eval on the sample, CPU build)" {
        foreach ($m in $shipped) { $cpuRows[$m.Name] = Eval "$Work\cli-cpu\aepaint.exe" $m 'cpu' }
        ($shipped | ForEach-Object { '{0} {1:F2} dB' -f $_.Name, $cpuRows[$_.Name][0].meanPsnr }) -join ', '
    }

    Step 'Every shipped model on the GPU (DirectML build, -g gpu): same PSNR as the CPU within 0.05 dB' {
        $lines = foreach ($m in $shipped) {
            $rows = Eval "$Work\cli-dml\aepaint.exe" $m 'gpu'
            foreach ($r in $rows) {
                if ($r.settings -notmatch 'DirectML') { throw "$($m.Name) did not run on DirectML: $($r.settings)" }
                $cpu = $cpuRows[$m.Name] | Where-Object { $_.name -eq $r.name } | Select-Object -First 1
                if (-not $cpu) { throw "$($r.name): no CPU row to compare with" }
                $delta = [Math]::Abs($r.meanPsnr - $cpu.meanPsnr)
                if ($delta -gt 0.05) { throw ('{0}: {1:F3} dB on DirectML, {2:F3} dB on the CPU' -f $r.name, $r.meanPsnr, $cpu.meanPsnr) }
            }

            '{0} {1:F2} dB (diff {2:F3})' -f $m.Name, $rows[0].meanPsnr, [Math]::Abs($rows[0].meanPsnr - $cpuRows[$m.Name][0].meanPsnr)
        }

        $lines -join ', '
    }

    # Two photos: a batch of more than one ends with "N written, ... with <model>.onnx on <provider>" (one photo does not).
    $batch = Join-Path $Work 'batch'
    New-Item -ItemType Directory -Force -Path $batch | Out-Null
    foreach ($n in 'a', 'b') { Copy-Item (Join-Path $repo 'samples\astronaut.png') "$batch\$n.png" -Force }
    Step 'aepaint upscale -s 2 --quality best (sr-x2-general) on the GPU' {
        $log = Run "$Work\cli-dml\aepaint.exe" @('upscale', '-s', '2', '--quality', 'best', '-i', $batch, '-o', "$Work\out-gpu", '-g', 'gpu', '-t', '256', '--overwrite')
        if ($log -notmatch 'sr-x2-general\.onnx on DirectML') { throw "sr-x2-general did not run on DirectML: $(($log -split "`n" | Select-Object -Last 4) -join ' | ')" }
        if (-not (Test-Path "$Work\out-gpu\b.png")) { throw 'no output images' }
        ($log -split "`n" | Where-Object { $_ -match 'on DirectML' } | Select-Object -First 1).Trim()
    }

    Step 'CPU fallback: the DirectML build without DirectML.dll, -g gpu, runs on the CPU and says why' {
        $copy = Join-Path $Work 'cli-dml-without-directml'
        Remove-Item -Recurse -Force $copy -ErrorAction SilentlyContinue
        Copy-Item -Recurse "$Work\cli-dml" $copy
        Remove-Item "$copy\DirectML.dll"
        $log = Run "$copy\aepaint.exe" @('upscale', '-s', '2', '--quality', 'best', '-i', $batch, '-o', "$Work\out-fallback", '-g', 'gpu', '-t', '256', '--overwrite')
        if ($log -notmatch 'sr-x2-general\.onnx on CPU') { throw "did not end on the CPU: $(($log -split "`n" | Select-Object -Last 4) -join ' | ')" }
        $warning = $log -split "`n" | Where-Object { $_ -match 'warning:.*DirectML' } | Select-Object -First 1
        if (-not $warning) { throw "no warning naming DirectML: $(($log -split "`n" | Select-Object -Last 4) -join ' | ')" }
        if (-not (Test-Path "$Work\out-fallback\b.png")) { throw 'no output images' }
        $warning.Trim()
    }
} finally {
    Pop-Location
}

$results | Format-Table -AutoSize -Wrap
Write-Host 'Still to check by hand inside Paint.NET: Effects > Noise > AI Denoise and Effects > Photo > AI Super-Resolution appear with their icons, the dialogs open, a render with Device = GPU names the graphics card once, errors and notices appear in Paint.NET''s error dialog.'
if ($results | Where-Object { $_.Result -eq 'FAIL' }) { exit 1 }
exit 0
