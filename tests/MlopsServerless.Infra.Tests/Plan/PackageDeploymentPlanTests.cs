using MlopsServerless.Infra.Plan;

namespace MlopsServerless.Infra.Tests.Plan;

public sealed class PackageDeploymentPlanTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("infra-package-");

    [Fact]
    public void For_Package_FingerprintIsItsSha256()
    {
        Directory.CreateDirectory(Path.Combine(_dir.FullName, "artifacts"));
        File.WriteAllText(Path.Combine(_dir.FullName, "artifacts", "functions.zip"), "hello");

        var plan = PackageDeploymentPlan.For(Path.Combine(_dir.FullName, "infra"), "../artifacts/functions.zip");

        // sha256("hello"), as `printf hello | sha256sum` prints it.
        Assert.Equal("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", plan.PackageSha256);
        Assert.Equal(Path.Combine(_dir.FullName, "artifacts", "functions.zip"), plan.PackagePath);
    }

    [Fact]
    public void For_NoPackage_SaysToRunThePackagingScript()
    {
        var error = Assert.Throws<InvalidStackConfigException>(() => PackageDeploymentPlan.For(_dir.FullName, "missing.zip"));

        Assert.Contains("run eng/package-functions.sh first", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Script_Values_ComeOnlyFromItsEnvironment()
    {
        Assert.Contains("--resource-group \"$MLOPS_RESOURCE_GROUP\"", PackageDeploymentPlan.Script, StringComparison.Ordinal);
        Assert.Contains("--name \"$MLOPS_FUNCTION_APP\"", PackageDeploymentPlan.Script, StringComparison.Ordinal);
        Assert.Contains("--src \"$MLOPS_PACKAGE\"", PackageDeploymentPlan.Script, StringComparison.Ordinal);
        Assert.Contains("systemKeys.blobs_extension", PackageDeploymentPlan.Script, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
