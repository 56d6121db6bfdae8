package moderation

import (
	"context"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/service"
)

// Version is the service version registered with micro.
const Version = "1.0.0"

// Endpoints are the service's micro endpoints over s, each with a pool of
// workers (actions wait on JetStream, and a correction on translate).
func Endpoints(s *Service, workers int) []service.Endpoint {
	return []service.Endpoint{
		{Name: "list", Subject: api.SubjectModerationList, Workers: workers,
			Handler: service.JSON(func(ctx context.Context, req *api.CaseListRequest) (any, error) { return s.List(ctx, *req) })},
		{Name: "get", Subject: api.SubjectModerationGet, Workers: workers,
			Handler: service.JSON(func(ctx context.Context, req *api.CaseGetRequest) (any, error) { return s.Get(ctx, *req) })},
		{Name: "claim", Subject: api.SubjectModerationClaim, Workers: workers,
			Handler: service.JSON(func(ctx context.Context, req *api.CaseClaimRequest) (any, error) { return s.Claim(ctx, *req) })},
		{Name: "release", Subject: api.SubjectModerationRelease, Workers: workers,
			Handler: service.JSON(func(ctx context.Context, req *api.CaseReleaseRequest) (any, error) { return s.Release(ctx, *req) })},
		{Name: "decide", Subject: api.SubjectModerationDecide, Workers: workers,
			Handler: service.JSON(func(ctx context.Context, req *api.CaseDecideRequest) (any, error) { return s.Decide(ctx, *req) })},
		{Name: "note", Subject: api.SubjectModerationNote, Workers: workers,
			Handler: service.JSON(func(ctx context.Context, req *api.CaseNoteRequest) (any, error) { return s.Note(ctx, *req) })},
		{Name: "reopen", Subject: api.SubjectModerationReopen, Workers: workers,
			Handler: service.JSON(func(ctx context.Context, req *api.CaseReopenRequest) (any, error) { return s.Reopen(ctx, *req) })},
		{Name: "withdraw", Subject: api.SubjectModerationWithdraw, Workers: workers,
			Handler: service.JSON(func(ctx context.Context, req *api.CaseWithdrawRequest) (any, error) { return s.Withdraw(ctx, *req) })},
		{Name: "export", Subject: api.SubjectModerationExport, Workers: workers,
			Handler: service.JSON(func(ctx context.Context, req *api.CaseExportRequest) (any, error) { return s.Export(ctx, *req) })},
		{Name: "audit", Subject: api.SubjectModerationAudit, Workers: workers,
			Handler: service.JSON(func(ctx context.Context, req *api.AuditListRequest) (any, error) { return s.Audit(ctx, *req) })},
	}
}
