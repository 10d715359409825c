using MlopsServerless.Infra.Plan;

namespace MlopsServerless.Infra.Tests.Plan;

public sealed class DeterministicGuidTests
{
    // Reference values from Python: uuid.uuid5(uuid.UUID("5f0c9a43-7d0e-4b6f-9a51-2c7e8d3b1a64"), name).
    [Theory]
    [InlineData("example", "22306876-6535-5f2b-8ba4-22cbcd8e7af8")]
    [InlineData("org/mlops-serverless/dev/DataAccount/b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "1c9a5b86-f0a8-52c3-ab24-59752ee1bd2d")]
    public void Create_Name_MatchesRfcVersion5(string name, string expected)
    {
        Assert.Equal(Guid.Parse(expected), DeterministicGuid.Create(name));
    }

    [Fact]
    public void Create_DifferentNames_DifferentGuids()
    {
        Assert.NotEqual(DeterministicGuid.Create("a"), DeterministicGuid.Create("b"));
    }
}
