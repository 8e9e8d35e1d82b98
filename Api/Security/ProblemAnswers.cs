using Microsoft.AspNetCore.Mvc;

namespace Analytics.Api.Security;

/// <summary>Writes the security layer's refusals as problem details (RFC 9457), as the endpoints answer theirs.</summary>
internal static class ProblemAnswers
{
    public static async Task WriteAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        // A client that accepts no JSON (Accept: image/png, say) still learns why, in plain text.
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem }))
            await http.Response.WriteAsync($"{title}: {detail}");
    }
}
