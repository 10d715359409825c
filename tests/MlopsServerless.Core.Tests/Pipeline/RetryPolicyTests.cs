using System.Text.Json;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Pipeline;

namespace MlopsServerless.Core.Tests.Pipeline;

public sealed class RetryPolicyTests
{
    public static TheoryData<Exception, bool> Errors() => new()
    {
        { MlopsException.Unavailable("down"), true },
        { MlopsException.Conflict("raced"), true },
        { new IOException("disk"), true },
        { new TimeoutException(), true },
        { new HttpRequestException("net"), true },
        { MlopsException.InvalidArgument("bad"), false },
        { MlopsException.FailedPrecondition("state"), false },
        { MlopsException.NotFound("gone"), false },
        { MlopsException.AlreadyExists("dup"), false },
        { new JsonException("parse"), false },
        { new InvalidOperationException(), false },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void IsTransient_ClassifiesFailures(Exception error, bool transient) =>
        Assert.Equal(transient, RetryPolicy.IsTransient(error));

    [Fact]
    public void DelayBefore_DoublesFromTheFirstDelay()
    {
        var policy = RetryPolicy.Default;

        Assert.Equal(TimeSpan.FromSeconds(1), policy.DelayBefore(2));
        Assert.Equal(TimeSpan.FromSeconds(2), policy.DelayBefore(3));
        Assert.Equal(TimeSpan.FromSeconds(4), policy.DelayBefore(4));
        Assert.Equal(3, policy.MaxAttempts);
        Assert.Equal(1, RetryPolicy.Once.MaxAttempts);
    }
}
