using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Analytics.Api.Security;

/// <summary>
/// Declares the access key in the OpenAPI document when keys are set: a bearer scheme required by every operation
/// but the open ones, so that Scalar asks for the key once and sends it with each "try it" call.
/// </summary>
internal sealed class AccessKeyDocument(IOptions<AccessOptions> access) : IOpenApiDocumentTransformer
{
    public const string Scheme = "accessKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        if (access.Value.Keys.Length == 0) return Task.CompletedTask;

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "One of the keys in Access:Keys, as `Authorization: Bearer <key>`.",
        };
        foreach (var (path, item) in document.Paths)
        {
            if (AccessRoutes.IsOpen(path) || item.Operations is null) continue;
            foreach (var operation in item.Operations.Values)
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, document)] = [] });
            }
        }
        return Task.CompletedTask;
    }
}
